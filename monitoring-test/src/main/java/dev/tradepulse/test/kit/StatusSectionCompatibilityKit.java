package dev.tradepulse.test.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StatusSection} must do, as a test class to extend. A section has a stable
 * id that is safe as an HTML anchor and a title; its view is cheap and never blocks (it is asked
 * about once a second, here within {@link #viewDeadline()}); a view for a viewer without the token
 * shows statuses only, never what {@link #detailsOnly()} lists; no view and no {@code toString}
 * shows a {@link #secrets() secret}; a table row has as many cells as there are columns; and the
 * page may ask from several threads at once.
 *
 * <pre>{@code
 * class MySectionTest extends StatusSectionCompatibilityKit {
 *     protected StatusSection createSection() {
 *         tracker.record("order rejected by user-typed-note");
 *         return MySections.orders(tracker);
 *     }
 *     protected List<String> detailsOnly() { return List.of("user-typed-note"); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh instance; JUnit runs the tests of one instance on one thread.
 */
public abstract class StatusSectionCompatibilityKit {

    /** Subclasses are instantiated by JUnit. */
    protected StatusSectionCompatibilityKit() {
    }

    /**
     * Builds the section under test over data that holds everything {@link #detailsOnly()} and
     * {@link #secrets()} list, so that the kit can check where they show.
     *
     * @return the section
     */
    protected abstract StatusSection createSection();

    /**
     * Text that the section's data holds and that only a viewer with the token may see: messages,
     * values, names a user typed.
     *
     * @return the texts; empty by default
     */
    protected List<String> detailsOnly() {
        return List.of();
    }

    /**
     * Text that no view may ever show: passwords, tokens, secret URLs.
     *
     * @return the secrets; empty by default
     */
    protected List<String> secrets() {
        return List.of();
    }

    /**
     * The longest one {@code view} may take. One second unless overridden: a liveness bound for a
     * call that must not block, not a performance target.
     *
     * @return the deadline
     */
    protected Duration viewDeadline() {
        return Duration.ofSeconds(1);
    }

    private StatusView viewWithinDeadline(StatusSection section, boolean details) {
        StatusView view = assertTimeoutPreemptively(viewDeadline(), () -> section.view(details),
                "view(" + details + ") must not block: it must end within " + viewDeadline());
        assertThat(view).as("view(%s) returned null", details).isNotNull();
        return view;
    }

    @Test
    void its_id_is_a_stable_html_anchor_and_its_title_is_not_blank() {
        StatusSection section = createSection();

        assertThat(section.id()).matches("[A-Za-z0-9_-]+").isEqualTo(section.id());
        assertThat(createSection().id()).as("the id of a second section over the same data")
                .isEqualTo(section.id());
        assertThat(section.title()).isNotBlank();
    }

    @Test
    void it_answers_both_views_within_the_deadline() {
        StatusSection section = createSection();

        viewWithinDeadline(section, true);
        viewWithinDeadline(section, false);
    }

    @Test
    void a_view_without_the_token_shows_no_details_and_no_secrets() {
        String text = StatusViews.text(viewWithinDeadline(createSection(), false));

        for (String hidden : detailsOnly()) {
            assertThat(text).as("the view without the token").doesNotContain(hidden);
        }
        for (String secret : secrets()) {
            assertThat(text).as("the view without the token").doesNotContain(secret);
        }
    }

    @Test
    void a_view_with_the_token_shows_no_secrets() {
        StatusSection section = createSection();
        String text = StatusViews.text(viewWithinDeadline(section, true));

        for (String secret : secrets()) {
            assertThat(text).as("the view with the token").doesNotContain(secret);
            assertThat(section.toString()).as("the section's toString").doesNotContain(secret);
        }
    }

    @Test
    void every_table_row_has_a_cell_per_column() {
        StatusSection section = createSection();
        for (boolean details : new boolean[] {true, false}) {
            if (viewWithinDeadline(section, details) instanceof StatusView.Table table) {
                assertThat(table.rows()).as("rows of the table with details=%s", details)
                        .allSatisfy(row -> assertThat(row.cells()).hasSameSizeAs(table.columns()));
            }
        }
    }

    @Test
    void it_can_be_viewed_from_several_threads_at_once() throws InterruptedException {
        StatusSection section = createSection();
        List<StatusView> views = new CopyOnWriteArrayList<>();

        List<@Nullable Throwable> failures = Concurrently.run(4, viewDeadline().multipliedBy(4), i -> {
            StatusView view = section.view(i % 2 == 0);
            assertThat(view).as("view() returned null").isNotNull();
            views.add(view);
        });

        assertThat(failures).as("what the concurrent views threw").containsOnlyNulls();
        assertThat(views).hasSize(4);
    }
}
