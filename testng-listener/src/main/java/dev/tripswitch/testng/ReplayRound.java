package dev.tripswitch.testng;

import org.testng.IMethodInstance;
import org.testng.IMethodInterceptor;
import org.testng.ITestContext;
import org.testng.ITestNGMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The method interceptor of one replay copy ({@link ReplayTests}), installed when it starts: keeps the methods of
 * its share of the round, in the order TestNG gives them, and nothing else; a data-driven method keeps only the rows
 * that were deferred (TestNG's invocation numbers, as for a rerun of its failed rows). Installed on the copy alone:
 * an interceptor on every {@code <test>} would make TestNG run all of them in the interceptor's order, ignoring
 * {@code priority} across classes.
 */
final class ReplayRound implements IMethodInterceptor {

    private final List<Invocations.Key> share;

    ReplayRound(List<Invocations.Key> share) {
        this.share = List.copyOf(share);
    }

    @Override
    public List<IMethodInstance> intercept(List<IMethodInstance> methods, ITestContext context) {
        List<IMethodInstance> kept = new ArrayList<>();
        for (IMethodInstance mi : methods) {
            ITestNGMethod method = mi.getMethod();
            TreeSet<Integer> rows = new TreeSet<>();
            for (Invocations.Key key : share) {
                if (key.isOf(method, mi.getInstance())) {
                    rows.add(key.row());
                }
            }
            if (rows.isEmpty()) {
                continue;
            }
            if (method.isDataDriven() && !rows.contains(Invocations.ALL_ROWS)) {
                method.setInvocationNumbers(new ArrayList<>(rows));
            }
            kept.add(mi);
        }
        return kept;
    }
}
