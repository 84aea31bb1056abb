package fi.lupaus.console.api.customer;

import java.time.Clock;

import fi.lupaus.console.access.AccessStore;
import fi.lupaus.console.access.Caller;
import fi.lupaus.console.access.Permission;
import fi.lupaus.engine.casework.CaseStore;
import fi.lupaus.engine.log.DecisionLog;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code DELETE /api/customers/{customerId}}: erase a customer's personal data on request
 * (GDPR). Their decisions stay in the log and the chain still verifies; the audit log records
 * the erasure under a keyed hash of the customer id ({@link CustomerPseudonyms}), not the id itself.
 */
public final class CustomerRoutes {

    private final Vertx vertx;
    private final DecisionLog log;
    private final CaseStore cases;
    private final AccessStore access;
    private final CustomerPseudonyms pseudonyms;
    private final Clock clock;

    public CustomerRoutes(Vertx vertx, DecisionLog log, CaseStore cases, AccessStore access,
                          CustomerPseudonyms pseudonyms, Clock clock) {
        this.vertx = vertx;
        this.log = log;
        this.cases = cases;
        this.access = access;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.delete("/:customerId").handler(Permission.CUSTOMERS_ERASE.required()).handler(this::erase);
        return router;
    }

    private void erase(RoutingContext ctx) {
        String customerId = ctx.pathParam("customerId");
        Caller actor = Caller.of(ctx.user());
        vertx.executeBlocking(() -> {
                    int erased = log.erase(customerId);
                    int erasedCases = cases.erase(customerId);
                    access.recordEvent(clock.instant(), actor, "customer.erased",
                            pseudonyms.of(customerId),
                            erased + " records, " + erasedCases + " cases");
                    return erased;
                }, false)
                .onSuccess(erased -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(new JsonObject().put("erasedRecords", erased).encode()))
                .onFailure(ctx::fail);
    }
}
