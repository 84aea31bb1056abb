package fi.lupaus.engine.log;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the items
 * @param next  the cursor of the next page, or {@code null} on the last page
 */
public record Page<T>(List<T> items, String next) {

    public Page {
        items = List.copyOf(items);
    }
}
