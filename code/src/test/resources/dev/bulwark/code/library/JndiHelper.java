package fixtures.library;

import java.net.ServerSocket;
import java.net.Socket;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import javax.naming.Context;
import javax.naming.NamingException;

/** A library helper: whoever calls it chooses the name it looks up. */
public class JndiHelper {
  public static String lookup(Context ctx, String name) {
    try {
      // ruleid: java-jndi-injection
      Object found = ctx.lookup(name);
      return found == null ? null : found.toString();
    } catch (NamingException e) {
      return null;
    }
  }

  public static String lookupLocal(Context ctx, String name) throws NamingException {
    if (!name.startsWith("java:")) {
      throw new NamingException("JNDI name must start with java: but was " + name);
    }
    // ok: java-jndi-injection
    return String.valueOf(ctx.lookup(name));
  }

  /** The check lives in a helper that throws; after the call the name is known to be local. */
  public static Object lookupChecked(Context ctx, String name) throws NamingException {
    requireLocalName(name);
    // ok: java-jndi-injection
    return ctx.lookup(name);
  }

  /** A helper that returns instead of throwing proves nothing to its caller. */
  public static Object lookupLogged(Context ctx, String name) throws NamingException {
    warnIfRemote(name);
    // ruleid: java-jndi-injection
    return ctx.lookup(name);
  }

  static void requireLocalName(String name) throws NamingException {
    if (!name.startsWith(LOCAL)) {
      throw new NamingException("JNDI name must start with " + LOCAL + " but was " + name);
    }
  }

  static void warnIfRemote(String name) {
    if (!name.startsWith(LOCAL)) {
      System.err.println("remote JNDI name " + name);
    }
  }

  static final String LOCAL = "java:";

  /** A receiver: what a peer sends over the socket is deserialized. */
  public void receive(ServerSocket server) throws IOException, ClassNotFoundException {
    Socket socket = server.accept();
    ObjectInputStream events = new ObjectInputStream(socket.getInputStream());
    // ruleid: java-unsafe-deserialization
    Object event = events.readObject();
    InputStream raw = socket.getInputStream();
    // ok: java-path-traversal
    new java.io.File(new String(raw.readAllBytes())).delete();
    System.out.println(event);
  }
}
