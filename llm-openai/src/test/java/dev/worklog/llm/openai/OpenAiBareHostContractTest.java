package dev.worklog.llm.openai;

/**
 * The whole contract again with {@code OPENAI_BASE_URL=http://127.0.0.1:PORT}, no {@code /v1}: the provider adds
 * it, and every request still goes to {@code /v1/chat/completions}.
 */
class OpenAiBareHostContractTest extends OpenAiProviderContractTest {
    @Override
    protected String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }
}
