/**
 * The advisory lock every writer of a synced row takes before nextval('row_version_seq') and holds to
 * commit: versions then become visible in increasing order, so a shape reader that has seen version V
 * can never later miss a row with a smaller version committed behind it.
 */
export const VERSION_LOCK = 7_340_001;
