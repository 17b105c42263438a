package dev.tradepulse.test.kit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Runs a kit's subclass on the Jupiter engine, as a build would, and says which tests passed, failed or were skipped. */
record KitRun(Set<String> passed, Set<String> failed, Set<String> skipped) {

    /** The tag of the deliberately broken kit subclasses; the build excludes it (see the pom). */
    static final String FIXTURE = "kit-fixture";

    static KitRun of(Class<?> testClass) {
        return run(selectClass(testClass));
    }

    static KitRun of(Class<?> testClass, String method) {
        return run(selectMethod(testClass, method));
    }

    private static KitRun run(DiscoverySelector selector) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selector).execute();
        Events tests = results.testEvents();
        Set<String> skipped = names(tests.skipped());
        skipped.addAll(names(tests.aborted())); // a failed assumption aborts a test: JUnit's way to skip it
        return new KitRun(names(tests.succeeded()), names(tests.failed()), skipped);
    }

    private static Set<String> names(Events events) {
        Set<String> names = new TreeSet<>();
        events.stream().map(Event::getTestDescriptor).forEach(d -> names.add(d.getDisplayName().replace("()", "")));
        return names;
    }
}
