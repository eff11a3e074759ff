package junit;

import dev.tripswitch.CircuitProtected;
import dev.tripswitch.junit.CircuitBreakerExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import shop.FakeShop;
import shop.ShopApi;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** A call refused by an open circuit makes its test skipped with the circuit's reason, protected test or not. */
@ExtendWith(CircuitBreakerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RefusedCallTest {

    private static final FakeShop SHOP = new FakeShop();
    private static final ShopApi API = new ShopApi(SHOP);

    @Test
    @Order(1)
    void stockFailsOnce_andOpensItsCircuit() {
        SHOP.goDown();
        assertThrows(IOException.class, () -> API.stock("9"));
    }

    @Test
    @Order(2)
    void unprotectedTest_meetsTheOpenCircuit() throws IOException {
        API.stock("9");
    }

    @Test
    @Order(3)
    @CircuitProtected("catalog")
    void protectedTest_meetsAnotherCircuitOpen() throws IOException {
        API.stock("9");
    }
}
