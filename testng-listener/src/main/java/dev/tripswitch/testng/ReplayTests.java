package dev.tripswitch.testng;

import dev.tripswitch.CircuitConfigurationException;
import dev.tripswitch.Protection;
import dev.tripswitch.Replay;
import dev.tripswitch.dependency.DependencyCalls;
import org.testng.ITestContext;
import org.testng.ITestNGMethod;
import org.testng.ITestResult;
import org.testng.annotations.Factory;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlInclude;
import org.testng.xml.XmlPackage;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;

import java.lang.reflect.Executable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The replay {@code <test>}s of a suite. TestNG runs a suite's {@code <test>}s as they were when it started, so they
 * are planned before it starts ({@link org.testng.IAlterSuiteListener}): each {@code <test>} that may hold protected
 * tests gets copies appended after all of the suite's own — one per round ({@value Replay#ROUNDS_SETTING}), then
 * one where the deferred tests never run again are reported skipped. A copy has the original's classes, packages,
 * method includes and excludes, groups, method selectors, parameters and run settings, and two parameters of its own:
 * {@value #ROUND} (its round, or {@value #FINAL}) and {@value #OF} (the original's name). What a copy runs is
 * decided when it starts ({@link SuiteReplay}).
 */
final class ReplayTests {

    static final String ROUND = "tripswitch.replay.round"; // parameter of a copy: its round, or FINAL
    static final String OF = "tripswitch.replay.of"; // parameter of a copy: the name of the <test> it copies
    static final String FINAL = "final";
    static final String SUITE_PARAMETER = "TestNG suite parameter"; // where a setting came from, in messages
    static final String SHARE = "tripswitch.replay.share"; // attribute of a copy's context, once started: its Keys

    private ReplayTests() {
    }

    /** The rounds planned for {@code suite}; bad replay settings are refused here, before anything runs. */
    static int roundsOf(XmlSuite suite) {
        Replay.budgetFrom(suite::getParameter, SUITE_PARAMETER); // checked now rather than once tests have run
        return Replay.roundsFrom(suite::getParameter, SUITE_PARAMETER);
    }

    /** Appends the copies to {@code suite} and its child suites. */
    static void appendTo(XmlSuite suite) {
        int rounds = roundsOf(suite);
        List<XmlTest> originals = suite.getTests().stream().filter(t -> !isCopy(t)).toList();
        if (rounds > 0 && originals.size() == suite.getTests().size()) { // not planned already
            List<XmlTest> replayed = originals.stream().filter(ReplayTests::mayHoldProtectedTests).toList();
            for (int round = 1; round <= rounds; round++) {
                for (XmlTest original : replayed) {
                    copy(original, String.valueOf(round), original.getName() + " (replay " + round + ")");
                }
            }
            for (XmlTest original : replayed) {
                copy(original, FINAL, original.getName() + " (deferred, not run again)");
            }
        }
        suite.getChildSuites().forEach(ReplayTests::appendTo);
    }

    static boolean isCopy(XmlTest test) {
        return test.getLocalParameters().containsKey(ROUND);
    }

    /** The name of the {@code <test>} that {@code test} copies, or its own. */
    static String originalName(XmlTest test) {
        return test.getLocalParameters().getOrDefault(OF, test.getName());
    }

    /** 0 for a suite's own {@code <test>}, the round of a copy, {@link Integer#MAX_VALUE} for the final copy. */
    static int roundOf(XmlTest test) {
        String round = test.getLocalParameters().get(ROUND);
        if (round == null) {
            return 0;
        }
        return round.equals(FINAL) ? Integer.MAX_VALUE : Integer.parseInt(round);
    }

    /** True in a final copy: nothing runs there, its tests are reported skipped with their final reason. */
    static boolean isFinalCopy(ITestContext context) {
        return roundOf(context.getCurrentXmlTest()) == Integer.MAX_VALUE;
    }

    /**
     * Before a configuration method: in a final copy every one but the suite's is left out (its tests are only
     * reported), in a copy with nothing to run its {@code @BeforeTest} and {@code @AfterTest}.
     *
     * @return true when {@code config} was left out
     */
    static boolean leaveOutInCopy(ITestResult config) {
        ITestNGMethod method = config.getMethod();
        ITestContext context = config.getTestContext();
        if (context == null || method.isBeforeSuiteConfiguration() || method.isAfterSuiteConfiguration()) {
            return false;
        }
        if (isFinalCopy(context)) {
            LeftOutConfigurations.leaveOut(config, "the deferred tests of this replay <test> are not run again");
            return true;
        }
        if ((method.isBeforeTestConfiguration() || method.isAfterTestConfiguration())
                && context.getAttribute(SHARE) instanceof List<?> share && share.isEmpty()) {
            LeftOutConfigurations.leaveOut(config, "this replay <test> has no deferred test to run");
            return true;
        }
        return false;
    }

    /**
     * False only when every entry of {@code test} is a class that loads and has no {@code @CircuitProtected} on
     * it or its methods and no {@code @Factory} (which may make instances of other classes); packages may hold
     * anything; and never with dependency circuits on, where a test without an annotation may be deferred too.
     */
    private static boolean mayHoldProtectedTests(XmlTest test) {
        if (!test.getXmlPackages().isEmpty() || dependenciesWatched()) {
            return true;
        }
        for (XmlClass xmlClass : test.getXmlClasses()) {
            try {
                Class<?> c = xmlClass.getSupportClass();
                if (c == null || Protection.forTestClass(c).isPresent() || Stream.of(c.getMethods()).anyMatch(m ->
                        Protection.forTest(c, m).isPresent()) || hasFactory(c)) {
                    return true;
                }
            } catch (RuntimeException | LinkageError unsure) { // e.g. a bad @CircuitProtected: reported when it runs
                return true;
            }
        }
        return false;
    }

    /**
     * True when dependency circuits are on ({@code tripswitch.dependencies=auto}): any test may then be deferred at
     * a call to an open dependency. A wrong value counts as on (the tests then fail with its message).
     */
    private static boolean dependenciesWatched() {
        try {
            return DependencyCalls.enabled();
        } catch (CircuitConfigurationException wrong) {
            return true;
        }
    }

    private static boolean hasFactory(Class<?> c) {
        return Stream.concat(Stream.of(c.getMethods()), Stream.of(c.getConstructors()))
                .anyMatch((Executable e) -> e.isAnnotationPresent(Factory.class));
    }

    private static void copy(XmlTest original, String round, String name) {
        XmlSuite suite = original.getSuite();
        if (suite.getTests().stream().anyMatch(t -> t.getName().equals(name))) {
            throw new CircuitConfigurationException("Tripswitch cannot plan the replay of <test> '"
                    + original.getName() + "': suite '" + suite.getName() + "' has a <test> named '" + name
                    + "' already (set " + Replay.ROUNDS_SETTING + "=0 to plan no replay)");
        }
        // appended to the suite's <test>s, and after them in TestNG's order (it sorts them by index)
        int index = suite.getTests().stream().mapToInt(XmlTest::getIndex).max().orElse(0) + 1;
        XmlTest copy = new XmlTest(suite, index);
        copy.setName(name);
        Map<String, String> parameters = new HashMap<>(original.getLocalParameters());
        parameters.put(ROUND, round);
        parameters.put(OF, original.getName());
        copy.setParameters(parameters);
        copy.setGroups(original.getXmlGroups());
        copy.setMethodSelectors(original.getMethodSelectors());
        copy.setVerbose(original.getVerbose());
        copy.setThreadCount(original.getThreadCount());
        copy.setParallel(original.getParallel());
        if (original.getTimeOut() != null) {
            copy.setTimeOut(Long.parseLong(original.getTimeOut()));
        }
        copy.setPreserveOrder(original.getPreserveOrder());
        copy.setGroupByInstances(original.getGroupByInstances());
        copy.setSkipFailedInvocationCounts(original.skipFailedInvocationCounts());
        copy.setAllowReturnValues(original.getAllowReturnValues());
        List<XmlPackage> packages = new ArrayList<>();
        for (XmlPackage p : original.getXmlPackages()) {
            XmlPackage pc = new XmlPackage(p.getName());
            pc.setInclude(new ArrayList<>(p.getInclude()));
            pc.setExclude(new ArrayList<>(p.getExclude()));
            packages.add(pc);
        }
        copy.setXmlPackages(packages);
        List<XmlClass> classes = new ArrayList<>();
        for (XmlClass c : original.getXmlClasses()) {
            classes.add(copyOf(c, copy));
        }
        copy.setXmlClasses(classes);
    }

    private static XmlClass copyOf(XmlClass c, XmlTest test) {
        XmlClass copy = new XmlClass(c.getName(), c.getIndex(), false); // loaded by name when TestNG needs it
        copy.setParameters(c.getLocalParameters());
        copy.setExcludedMethods(new ArrayList<>(c.getExcludedMethods()));
        List<XmlInclude> includes = new ArrayList<>();
        for (XmlInclude i : c.getIncludedMethods()) {
            XmlInclude ic = new XmlInclude(i.getName(), i.getInvocationNumbers(), i.getIndex());
            ic.setParameters(i.getLocalParameters());
            ic.setDescription(i.getDescription());
            ic.setXmlClass(copy);
            includes.add(ic);
        }
        copy.setIncludedMethods(includes);
        copy.setXmlTest(test);
        return copy;
    }
}
