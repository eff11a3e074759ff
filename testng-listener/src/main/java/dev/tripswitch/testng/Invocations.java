package dev.tripswitch.testng;

import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import org.testng.IDataProviderMethod;
import org.testng.ITestContext;
import org.testng.ITestNGMethod;
import org.testng.internal.IParameterInfo;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How core knows one TestNG test invocation. Its id tells it apart from every other invocation of its suite and
 * stays the same when a replay {@code <test>} runs it again, so that core's replay recognises it:
 * {@code testng:<test>:<class>#<method>(<parameter types>)[@<factory index>][<row>]}, where {@code <test>} is the
 * name of the suite's own {@code <test>} (a replay copy gives its original's), {@code <row>} the data-provider row
 * ({@code *}: every row, for a method skipped as a whole), 0 for a test without data provider.
 */
final class Invocations {

    /** The row of a method deferred as a whole: its replay runs every row. */
    static final int ALL_ROWS = -1;

    /** One invocation, or a method as a whole ({@link #ALL_ROWS}), in terms that hold across replay copies. */
    record Key(String test, Class<?> testClass, Method method, int factoryIndex, int row) {

        String id() {
            return id(namesOf(testClass, method));
        }

        private String id(Names names) {
            return names.prefix(test, factoryIndex) + (row == ALL_ROWS ? "*" : Integer.toString(row)) + "]";
        }

        /** True when {@code method} on {@code instance} is this key's method (any row). */
        boolean isOf(ITestNGMethod testMethod, Object instance) {
            return testClass.equals(classOf(testMethod, instance)) && method.equals(javaMethod(testMethod))
                    && factoryIndex == factoryIndexOf(testMethod);
        }

        TestIdentity identity() {
            Names names = namesOf(testClass, method);
            return new TestIdentity("testng", names.className, names.methodName, names.displayName, id(names));
        }
    }

    /**
     * The parts of an invocation's identity that only depend on its method, class and {@code <test>}, made once
     * rather than on every invocation (a data provider's rows differ in their row alone): the class and method names,
     * {@code <Simple>.<method>}, and the id up to the row.
     */
    private static final class Names {
        final String className;
        final String methodName;
        final String displayName;
        private final String classAndSignature; // <class>#<method>(<parameter types>)
        private volatile Prefix last; // the id up to the row, for the <test> and factory index last asked for

        private record Prefix(String test, int factoryIndex, String text) {
        }

        Names(Class<?> testClass, Method method) {
            className = testClass.getName();
            methodName = method.getName();
            displayName = testClass.getSimpleName() + "." + methodName;
            classAndSignature = className + "#" + signature(method);
        }

        /** {@code testng:<test>:<class>#<method>(<parameter types>)[@<factory index>][}. */
        String prefix(String test, int factoryIndex) {
            Prefix p = last;
            if (p == null || p.factoryIndex() != factoryIndex || !p.test().equals(test)) {
                p = new Prefix(test, factoryIndex, "testng:" + test + ":" + classAndSignature
                        + (factoryIndex < 0 ? "" : "@" + factoryIndex) + "[");
                last = p;
            }
            return p.text();
        }
    }

    /** The names of the methods run on instances of a class, by method; dropped with the class. */
    private static final ClassValue<Map<Method, Names>> NAMES = new ClassValue<>() {
        @Override
        protected Map<Method, Names> computeValue(Class<?> testClass) {
            return new ConcurrentHashMap<>();
        }
    };

    private static Names namesOf(Class<?> testClass, Method method) {
        Map<Method, Names> ofClass = NAMES.get(testClass);
        Names names = ofClass.get(method);
        return names != null ? names : ofClass.computeIfAbsent(method, m -> new Names(testClass, m));
    }

    private Invocations() {
    }

    /** The invocation of {@code testMethod} on {@code instance} at data-provider row {@code row} in {@code context}. */
    static Key keyOf(ITestNGMethod testMethod, Object instance, ITestContext context, int row) {
        String test = ReplayTests.originalName(context.getCurrentXmlTest());
        int ownRow = testMethod.isDataDriven() && testMethod.getInvocationCount() <= 1 ? row
                : testMethod.isDataDriven() || testMethod.getInvocationCount() > 1 ? ALL_ROWS : 0;
        return new Key(test, classOf(testMethod, instance), javaMethod(testMethod), factoryIndexOf(testMethod),
                ownRow);
    }

    /**
     * The row of the invocation whose {@code @BeforeMethod} is about to run: TestNG fetches a row right before it
     * runs it, unless its data provider runs rows in parallel ({@link #ALL_ROWS} then: unknown).
     */
    static int rowBeforeSetUp(ITestNGMethod testMethod) {
        if (!testMethod.isDataDriven()) {
            return 0;
        }
        IDataProviderMethod provider = testMethod.getDataProviderMethod();
        return provider != null && provider.isParallel() ? ALL_ROWS : testMethod.getParameterInvocationCount();
    }

    /**
     * Why an invocation of {@code testMethod} cannot be deferred and run again on its own, or {@code null} when it
     * can. {@code rowKnown}: whether the invocation's data-provider row is known.
     */
    static String whyNotDeferrable(ITestNGMethod testMethod, boolean rowKnown) {
        if (testMethod.getMethodsDependedUpon().length > 0 || testMethod.getGroupsDependedUpon().length > 0) {
            return "it depends on other test methods (dependsOnMethods/dependsOnGroups), which ran before it,"
                    + " and its chain cannot be replayed as a whole any more";
        }
        if (testMethod.getInvocationCount() > 1) {
            return "it is one of the " + testMethod.getInvocationCount() + " invocations of its method"
                    + " (invocationCount), which TestNG cannot run again one by one";
        }
        if (!rowKnown) {
            return "its data provider runs rows in parallel, so its row is not known before its @BeforeMethod";
        }
        return null;
    }

    static Method javaMethod(ITestNGMethod method) {
        return method.getConstructorOrMethod().getMethod();
    }

    static Class<?> classOf(ITestNGMethod method, Object instance) {
        return instance != null ? instance.getClass() : method.getRealClass();
    }

    private static int factoryIndexOf(ITestNGMethod method) {
        IParameterInfo info = method.getFactoryMethodParamsInfo();
        return info == null ? -1 : info.getIndex();
    }

    /** A method's name with its parameter types: what tells overloads apart. */
    private static String signature(Method method) {
        StringBuilder s = new StringBuilder(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            s.append(i == 0 ? "" : ",").append(types[i].getSimpleName());
        }
        return s.append(')').toString();
    }
}
