/**
 * How review packets are made and rendered: what is missing and rolled up first, the citable achievements, the
 * prompt, reading the reply, assembling and checking the packet, the offline packet, and the exports. Not part of
 * the public API.
 */
package dev.worklog.internal.review;
