package dev.tripswitch.testng;

import dev.tripswitch.event.ProtectedTestListener.TestIdentity;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The id of an invocation names its {@code <test>}, class, method with parameter types, factory index and row; the
 * parts that depend on the method alone are made once, and whichever {@code <test>} or row comes next gets its own.
 */
class InvocationIdsTest {

    static class Checkout {
        public void pay(int amount, String currency) {
        }

        public void pay(List<String> items) {
        }
    }

    static class ExpressCheckout extends Checkout {
    }

    private static Method pay(Class<?>... types) throws NoSuchMethodException {
        return Checkout.class.getMethod("pay", types);
    }

    @Test
    void idsAndIdentities_perTestClassFactoryIndexAndRow() throws Exception {
        Method payAmount = pay(int.class, String.class);
        for (int pass = 0; pass < 2; pass++) { // the second pass reads what the first one made
            assertThat(new Invocations.Key("Shop", Checkout.class, payAmount, -1, 7).id())
                    .isEqualTo("testng:Shop:dev.tripswitch.testng.InvocationIdsTest$Checkout#pay(int,String)[7]");
            assertThat(new Invocations.Key("Shop (nightly)", Checkout.class, payAmount, -1, 7).id())
                    .isEqualTo("testng:Shop (nightly):dev.tripswitch.testng.InvocationIdsTest$Checkout"
                            + "#pay(int,String)[7]");
            assertThat(new Invocations.Key("Shop", Checkout.class, payAmount, 2, Invocations.ALL_ROWS).id())
                    .isEqualTo("testng:Shop:dev.tripswitch.testng.InvocationIdsTest$Checkout#pay(int,String)@2[*]");
            assertThat(new Invocations.Key("Shop", Checkout.class, payAmount, 2, 0).id())
                    .isEqualTo("testng:Shop:dev.tripswitch.testng.InvocationIdsTest$Checkout#pay(int,String)@2[0]");
            assertThat(new Invocations.Key("Shop", Checkout.class, pay(List.class), -1, 0).id())
                    .isEqualTo("testng:Shop:dev.tripswitch.testng.InvocationIdsTest$Checkout#pay(List)[0]");
            assertThat(new Invocations.Key("Shop", ExpressCheckout.class, payAmount, -1, 3).identity()).isEqualTo(
                    new TestIdentity("testng", "dev.tripswitch.testng.InvocationIdsTest$ExpressCheckout", "pay",
                            "ExpressCheckout.pay",
                            "testng:Shop:dev.tripswitch.testng.InvocationIdsTest$ExpressCheckout#pay(int,String)[3]"));
        }
    }
}
