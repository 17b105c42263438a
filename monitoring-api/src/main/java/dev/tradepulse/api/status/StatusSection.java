package dev.tradepulse.api.status;

import dev.tradepulse.api.support.Checks;
import java.util.function.Function;

/**
 * One part of the status page. Implementations must be cheap (the page asks about once a second
 * while someone watches) and must not block; a section that throws is shown as unavailable and
 * never breaks the page.
 *
 * <p>{@code details} is false for requests without the server's token: such a view shows
 * statuses only, never messages, values or anything a user typed.
 */
public interface StatusSection {

    /**
     * A stable identifier, used as the HTML anchor: letters, digits, '-' and '_'.
     *
     * @return the id
     */
    String id();

    /**
     * The heading.
     *
     * @return the title
     */
    String title();

    /**
     * What to show now.
     *
     * @param details whether the viewer may see details
     * @return the view
     */
    StatusView view(boolean details);

    /**
     * A section from its id, title and a function that builds its view.
     *
     * @param id letters, digits, '-' and '_'
     * @param title the heading
     * @param view builds the view; its argument says whether the viewer may see details
     * @return the section
     */
    static StatusSection of(String id, String title, Function<Boolean, StatusView> view) {
        Checks.notNull(id, "id");
        Checks.notNull(title, "title");
        Checks.notNull(view, "view");
        return new StatusSection() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public StatusView view(boolean details) {
                return view.apply(details);
            }

            @Override
            public String toString() {
                return "StatusSection[" + id + "]";
            }
        };
    }
}
