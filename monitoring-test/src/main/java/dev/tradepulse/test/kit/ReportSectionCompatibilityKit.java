package dev.tradepulse.test.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tradepulse.api.report.ReportSection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReportSection} must do, as a test class to extend. A section has a title;
 * it renders any period, an empty one or one before any data included, as plain text (no control
 * characters but line breaks and tabs) without throwing and within {@link #renderDeadline()}; no
 * report and no {@code toString} shows a {@link #secrets() secret}; and two reports may be rendered
 * at once from different threads.
 *
 * <pre>{@code
 * class MyReportTest extends ReportSectionCompatibilityKit {
 *     protected ReportSection createSection() { return MyReports.fills(ledgerWithSomeFills()); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh instance; JUnit runs the tests of one instance on one thread.
 */
public abstract class ReportSectionCompatibilityKit {

    /** Subclasses are instantiated by JUnit. */
    protected ReportSectionCompatibilityKit() {
    }

    /**
     * Builds the section under test, over data that holds everything {@link #secrets()} lists.
     *
     * @return the section
     */
    protected abstract ReportSection createSection();

    /**
     * Text that no report may show: passwords, tokens, account keys.
     *
     * @return the secrets; empty by default
     */
    protected List<String> secrets() {
        return List.of();
    }

    /**
     * The period a report is rendered for; the day before {@link #now()} unless overridden.
     *
     * @return the start, inclusive
     */
    protected Instant periodStart() {
        return now().minus(Duration.ofDays(1));
    }

    /**
     * The end of the period a report is rendered for, exclusive; the time the section's data was
     * made at. {@link Instant#now()} unless overridden (override it when the data runs on a
     * test clock).
     *
     * @return the end of the period
     */
    protected Instant now() {
        return Instant.now();
    }

    /**
     * The longest one {@code render} may take. Five seconds unless overridden: a liveness bound,
     * not a performance target.
     *
     * @return the deadline
     */
    protected Duration renderDeadline() {
        return Duration.ofSeconds(5);
    }

    private String renderWithinDeadline(ReportSection section, Instant from, Instant to) {
        String text = assertTimeoutPreemptively(renderDeadline(), () -> section.render(from, to),
                "render(" + from + ", " + to + ") must end within " + renderDeadline());
        assertThat(text).as("render(%s, %s) returned null", from, to).isNotNull();
        return text;
    }

    @Test
    void its_title_is_not_blank_and_plain_text() {
        String title = createSection().title();

        assertThat(title).isNotBlank().doesNotContainPattern("[\\p{Cntrl}]");
    }

    @Test
    void it_renders_a_period_as_plain_text_within_the_deadline() {
        String text = renderWithinDeadline(createSection(), periodStart(), now());

        assertThat(text).as("a report of the period").isNotBlank()
                .as("no control characters but line breaks and tabs").doesNotContainPattern("[\\p{Cntrl}&&[^\\n\\t]]");
    }

    @Test
    void it_renders_an_empty_period_and_one_before_any_data() {
        ReportSection section = createSection();
        Instant start = periodStart();

        renderWithinDeadline(section, start, start);
        renderWithinDeadline(section, start.minus(Duration.ofDays(3650)), start.minus(Duration.ofDays(3649)));
    }

    @Test
    void no_report_and_no_to_string_shows_a_secret() {
        ReportSection section = createSection();
        String shown = section.title() + "\n" + renderWithinDeadline(section, periodStart(), now()) + "\n" + section;

        for (String secret : secrets()) {
            assertThat(shown).doesNotContain(secret);
        }
    }

    @Test
    void it_can_render_on_several_threads_at_once() throws InterruptedException {
        ReportSection section = createSection();
        List<String> reports = new CopyOnWriteArrayList<>();
        Instant from = periodStart();
        Instant to = now();

        List<@Nullable Throwable> failures = Concurrently.run(4, renderDeadline().multipliedBy(2), i -> {
            String text = section.render(from, to);
            assertThat(text).as("render() returned null").isNotNull();
            reports.add(text);
        });

        assertThat(failures).as("what the concurrent renders threw").containsOnlyNulls();
        assertThat(reports).hasSize(4);
    }
}
