package matcalc.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A client that never finishes sending its request is disconnected; the others are served meanwhile. */
class SlowClientTest {
    @Test void aRequestThatNeverArrivesIsCutOff() throws Exception {
        try (Server s = Server.start(Server.Config.defaults().withPort(0))) {
            long t0 = System.nanoTime();
            try (Socket k = new Socket("127.0.0.1", s.port())) {
                k.setSoTimeout(30_000);
                OutputStream o = k.getOutputStream();
                o.write("POST /api/diff HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"expr".getBytes(StandardCharsets.US_ASCII));
                o.flush();
                // Meanwhile a normal request is answered.
                Http.Reply r = Http.post(s, "/api/diff", Http.body("expression", "tr(A X)", "wrt", "X"));
                assertEquals(200, r.status(), r.body());
                InputStream in = k.getInputStream();
                int first;
                try {
                    first = in.read();
                } catch (java.net.SocketException reset) {
                    first = -1; // closed by the server, as a reset
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                assertEquals(-1, first, "the server closes the connection without an answer");
                assertTrue(secs >= Server.REQUEST_READ_SECONDS - 1 && secs < Server.REQUEST_READ_SECONDS + 5, "closed after " + secs + " s");
            }
        }
    }
}
