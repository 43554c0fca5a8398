package io.socketee.example.boot;

import io.socketee.socketio.SocketIoServer;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /announce} with a text body sends it to every connected user as an {@code announcement}: a broadcast
 * from an ordinary Spring MVC controller through the injected server. From the machine itself only.
 */
@RestController
class AnnounceController {
    private final SocketIoServer io;

    AnnounceController(SocketIoServer io) {
        this.io = io;
    }

    @PostMapping("/announce")
    ResponseEntity<Void> announce(@RequestBody String text, HttpServletRequest request) throws UnknownHostException {
        if (!InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        if (text == null || text.isBlank() || text.length() > 2000) {
            return ResponseEntity.badRequest().build();
        }
        io.emit("announcement", new Announcement(text.strip(), System.currentTimeMillis()));
        return ResponseEntity.noContent().build();
    }
}
