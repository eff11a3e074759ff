package testng;

import dev.tripswitch.CircuitProtected;
import org.testng.annotations.Test;
import shop.FakeShop;
import shop.ShopApi;

import java.io.IOException;

import static org.testng.Assert.assertThrows;

/** A call refused by an open circuit makes its test skipped with the circuit's reason, protected test or not. */
public class RefusedCallTest {

    private static final FakeShop SHOP = new FakeShop();
    private static final ShopApi API = new ShopApi(SHOP);

    @Test(priority = 1)
    public void stockFailsOnce_andOpensItsCircuit() {
        SHOP.goDown();
        assertThrows(IOException.class, () -> API.stock("9"));
    }

    @Test(priority = 2)
    public void unprotectedTest_meetsTheOpenCircuit() throws IOException {
        API.stock("9");
    }

    @Test(priority = 3)
    @CircuitProtected("catalog")
    public void protectedTest_meetsAnotherCircuitOpen() throws IOException {
        API.stock("9");
    }
}
