package fi.lupaus.console.api.customer;

import fi.lupaus.console.access.Caller;
import fi.lupaus.console.access.Permission;
import fi.lupaus.console.api.Answers;
import fi.lupaus.console.privacy.CustomerErasure;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code DELETE /api/customers/{customerId}}: erase a customer's personal data on request
 * (GDPR). Their decisions stay in the log and the chain still verifies; the audit log records
 * the erasure under a keyed hash of the customer id ({@link fi.lupaus.console.privacy.CustomerPseudonyms}), not the id itself.
 */
public final class CustomerRoutes {

    private final Vertx vertx;
    private final CustomerErasure erasure;

    public CustomerRoutes(Vertx vertx, CustomerErasure erasure) {
        this.vertx = vertx;
        this.erasure = erasure;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.delete("/:customerId").handler(Permission.CUSTOMERS_ERASE.required()).handler(this::erase);
        return router;
    }

    private void erase(RoutingContext ctx) {
        String customerId = ctx.pathParam("customerId");
        Caller actor = Caller.of(ctx.user());
        vertx.executeBlocking(() -> erasure.erase(customerId, actor), false)
                .onSuccess(erased -> Answers.send(ctx, 200, new Erased(erased.records())))
                .onFailure(ctx::fail);
    }

    record Erased(long erasedRecords) {
    }
}
