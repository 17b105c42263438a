package dev.tradepulse.api.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.tradepulse.core.archfixture.CoreFixtures;
import java.net.http.HttpClient;

/** ModuleBoundariesTest's fixtures in api: each breaks one rule on purpose. */
public final class ApiFixtures {

    /** api depends on no other TradePulse module. */
    public static final class ApiUsesCore {
        CoreFixtures.CoreClass core;
    }

    /** api pulls in no Jackson. */
    public static final class ApiUsesJackson {
        ObjectMapper mapper;
    }

    /** api pulls in no HTTP server. */
    public static final class ApiUsesHttpServer {
        HttpServer server;
    }

    /** api pulls in no HTTP client. */
    public static final class ApiUsesHttpClient {
        HttpClient client;
    }
}
