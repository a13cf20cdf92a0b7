package dev.worklog.notion.internal.setup;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Notion page ids from what people paste: a page's link (Share > Copy link) or its id, with or without dashes. */
public final class PageIds {
    /** An id: 32 hexadecimal characters, or the same with the dashes of a UUID, standing on its own. */
    private static final Pattern ID = Pattern.compile("(?<![0-9a-fA-F])([0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}"
            + "-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12})(?![0-9a-fA-F])");

    private PageIds() {
    }

    /**
     * The page id, dashed and lower-case: the 32 hexadecimal characters that end a Notion link's path (its title
     * before them, a query such as {@code ?pvs=4} after them are ignored), or an id as it is.
     *
     * @throws IllegalArgumentException when there is no id in it
     */
    public static String parse(String urlOrId) {
        String text = urlOrId == null ? "" : urlOrId.strip();
        String path = text;
        int cut = indexOfAny(path, "?#");
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        String hex = null;
        Matcher m = ID.matcher(path);
        while (m.find()) {
            hex = m.group(1).replace("-", "");
        }
        if (hex == null) {
            throw new IllegalArgumentException("'" + text + "' is not a Notion page link or id: copy the page's link "
                    + "(Share > Copy link, or ••• > Copy link); it ends with the page's 32-character id");
        }
        hex = hex.toLowerCase(Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
