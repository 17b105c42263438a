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
     * What this section publishes when its view changes, such as an alert firing; a stream
     * subscribes to push the change at once. The default publishes nothing, and a stream then
     * sees the section's changes only in its periodic snapshots.
     *
     * @return the section's events
     */
    default StatusEventSource events() {
        return StatusEventSource.NONE;
    }

    /**
     * A section from its id, title and a function that builds its view.
     *
     * @param id letters, digits, '-' and '_'
     * @param title the heading
     * @param view builds the view; its argument says whether the viewer may see details
     * @return the section
     * @throws NullPointerException if an argument is null
     */
    static StatusSection of(String id, String title, Function<Boolean, StatusView> view) {
        return of(id, title, view, StatusEventSource.NONE);
    }

    /**
     * A section from its id, title, a function that builds its view, and the events it publishes.
     *
     * @param id letters, digits, '-' and '_'
     * @param title the heading
     * @param view builds the view; its argument says whether the viewer may see details
     * @param events what it publishes when its view changes
     * @return the section
     * @throws NullPointerException if an argument is null
     */
    static StatusSection of(String id, String title, Function<Boolean, StatusView> view, StatusEventSource events) {
        Checks.notNull(id, "id");
        Checks.notNull(title, "title");
        Checks.notNull(view, "view");
        Checks.notNull(events, "events");
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
            public StatusEventSource events() {
                return events;
            }

            @Override
            public String toString() {
                return "StatusSection[" + id + "]";
            }
        };
    }
}
