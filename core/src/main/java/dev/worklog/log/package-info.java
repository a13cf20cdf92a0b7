/**
 * The execution log of the original system: grep-able lines with the levels INFO, SUCCESS, ERROR and CANCELLED
 * and the components {@code daily_logger}, {@code weekly_processor}, {@code monthly_processor} and
 * {@code api_server}.
 */
package dev.worklog.log;
