package dev.worklog.doctor;

import dev.worklog.error.AuthenticationException;
import dev.worklog.error.ConfigurationException;
import dev.worklog.error.NotFoundException;
import dev.worklog.error.PermissionDeniedException;
import dev.worklog.error.QuotaExceededException;
import dev.worklog.error.RateLimitException;
import dev.worklog.error.ServerException;
import dev.worklog.error.TransportException;
import dev.worklog.error.WorkLogException;
import dev.worklog.spi.DoctorAdvice;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fix for a failure: the service's own ({@link DoctorAdvice#fix}) when it has one, else one by the failure's
 * kind in the service's words. Messages already name the variable; the fix says what to do.
 */
final class Remedies {
    private static final Pattern NOT_SET = Pattern.compile("^([A-Z][A-Z0-9_]*) is not set");

    private Remedies() {
    }

    /**
     * The fix for a failure of the store or provider the advice is about.
     *
     * @param variable the variable of the part that failed (a store collection's), when known
     */
    static String fix(RuntimeException e, DoctorAdvice advice, Optional<String> variable) {
        Optional<String> own = advice.fix(e, variable);
        if (own.isPresent()) {
            return own.get();
        }
        String service = advice.service();
        Optional<String> key = advice.keyVariable();
        Optional<String> model = advice.modelVariable();
        Optional<String> page = advice.keysPage();
        if (e instanceof ConfigurationException) {
            Matcher m = NOT_SET.matcher(e.getMessage() == null ? "" : e.getMessage());
            if (m.find()) {
                return "Set " + m.group(1) + " in the environment or in .env" + advice.hint(m.group(1));
            }
            if (e.getMessage() != null && e.getMessage().contains(" is not available: ")) {
                return "Use one of the names the message lists, or add the module that provides this one to the "
                        + "classpath";
            }
            return "Correct the variable the message names (environment or .env)";
        }
        if (e instanceof AuthenticationException) {
            return key.map(k -> k + " is wrong, expired or revoked: copy a valid key"
                    + page.map(p -> " from " + p).orElse("") + " into " + k)
                    .orElse("Check the credentials of " + service);
        }
        if (e instanceof PermissionDeniedException) {
            return model.isPresent() && key.isPresent()
                    ? "The key in " + key.get() + " may not use this model: pick another with " + model.get()
                            + " or check the key's project and permissions"
                    : "Check that the credentials of " + service + " may read " + variable.orElse("what it stores");
        }
        if (e instanceof NotFoundException) {
            return model.isPresent()
                    ? "Check " + model.get() + " (the model may be retired)"
                            + advice.baseUrlVariable().map(b -> " and " + b).orElse("")
                    : "Check " + variable.or(advice::baseUrlVariable).orElse("the configuration of " + service);
        }
        if (e instanceof QuotaExceededException) {
            return "The account's quota or credit is used up: check billing" + page.map(p -> " at " + p).orElse("")
                    + ", or switch LLM_PROVIDER";
        }
        if (e instanceof RateLimitException) {
            return service + " is rate limiting: wait a minute and run doctor again "
                    + "(`grep rate_limit_exceeded logs/execution.log` shows how often)";
        }
        if (e instanceof TransportException) {
            return "No connection to " + service + ": check the network, proxy settings"
                    + advice.baseUrlVariable().map(b -> " and " + b).orElse("");
        }
        if (e instanceof ServerException) {
            return service + " is failing on its side (5xx): check its status page and try again later";
        }
        if (e instanceof WorkLogException) {
            return "See the message; run with --verbose for details";
        }
        return "Unexpected " + e.getClass().getSimpleName() + "; run with --verbose for details";
    }
}
