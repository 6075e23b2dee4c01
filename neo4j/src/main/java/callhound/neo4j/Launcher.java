package callhound.neo4j;

import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
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
 * configuration and validation): callhound.port, callhound.dataDir, callhound.pageCache and
 * callhound.passwordFile. The password itself never is a property: those show in `ps` and
 * /proc/PID/cmdline to every user of the machine. It comes in a file that only the owner can read,
 * which is deleted as soon as it is read. Auth stays on so that local, docker-compose and Aura
 * behave alike.
 *
 * <p>Cypher gets no way out of the graph, so that a hunt that got past callhound's own checks
 * still cannot read the machine's files or send data anywhere (SECURITY.md): LOAD CSV may not use
 * file: URLs, the import directory is an empty one of its own, and every address is on Cypher's IP
 * blocklist (http/https/ftp URLs of LOAD CSV and of procedures that honour it).
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(System.getProperty("callhound.port", "7687"));
    Path dataDir = Path.of(System.getProperty("callhound.dataDir", "data/neo4j")).toAbsolutePath();
    String pageCache = System.getProperty("callhound.pageCache", "256m");
    String password = readPassword(System.getProperty("callhound.passwordFile"));
    Path importDir = dataDir.resolve("import-empty");
    Files.createDirectories(importDir);
    try (Stream<Path> entries = Files.list(importDir)) {
      if (entries.findAny().isPresent()) {
        System.out.println("callhound-neo4j: warning: " + importDir + " is not empty; nothing should be in it");
      }
    }

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(dataDir)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
            // dbms.security.allow_csv_import_from_file_urls=false
            .setConfig(GraphDatabaseSettings.allow_file_urls, false)
            // server.directories.import
            .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
            // internal.dbms.cypher_ip_blocklist: every IPv4 and IPv6 address
            .setConfig(
                GraphDatabaseInternalSettings.cypher_ip_blocklist,
                List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
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

  /** Reads the password from its file and deletes the file; without one, the development default. */
  private static String readPassword(String file) throws IOException {
    if (file == null || file.isEmpty()) return "callhound-dev";
    Path path = Path.of(file);
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    } finally {
      Files.deleteIfExists(path);
    }
  }
}
