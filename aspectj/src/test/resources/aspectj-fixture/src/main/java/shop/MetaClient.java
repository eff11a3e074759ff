package shop;

import java.io.IOException;

/** A client protected through the user's own annotation {@link ShopCall}: every public method is guarded. */
@ShopCall
public class MetaClient {

    private final FakeShop shop;

    public MetaClient(FakeShop shop) {
        this.shop = shop;
    }

    public String ping() throws IOException {
        return shop.request("meta ping");
    }
}
