/**
 * Page bodies: markdown to Notion blocks and back within Notion's limits, a block tree of any size written in
 * requests Notion accepts ({@link dev.worklog.notion.internal.blocks.BlockWriter}), and a body changed in place to a
 * new one by its differences ({@link dev.worklog.notion.internal.blocks.BodySync}). Internal: not part of the public
 * API, it may change without notice in any release.
 */
package dev.worklog.notion.internal.blocks;
