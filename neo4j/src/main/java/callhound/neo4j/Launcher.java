package callhound.neo4j;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs a Neo4j 5 Community DBMS in this JVM and serves it over Bolt on 127.0.0.1.
 *
 * <p>Settings come from system properties set by callhound's `db start` (the Node side owns
 * configuration and validation): callhound.port, callhound.dataDir, callhound.pageCache,
 * callhound.password. Auth stays on so that local, docker-compose and Aura behave alike.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(System.getProperty("callhound.port", "7687"));
    Path dataDir = Path.of(System.getProperty("callhound.dataDir", "data/neo4j")).toAbsolutePath();
    String pageCache = System.getProperty("callhound.pageCache", "256m");
    String password = System.getProperty("callhound.password", "callhound-dev");

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(dataDir)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM/SIGINT run shutdown hooks: flush and close the store so the next start needs no recovery.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("callhound-neo4j: shutting down");
                  dbms.shutdown();
                  stopped.countDown();
                },
                "callhound-neo4j-shutdown"));

    // The embedded API runs with full rights, so it can set the password that Bolt clients must use.
    dbms.database("system")
        .executeTransactionally(
            "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));

    System.out.println("callhound-neo4j: ready bolt://127.0.0.1:" + port + " data=" + dataDir);
    System.out.flush();
    stopped.await();
  }
}
