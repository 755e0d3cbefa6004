package fixtures.deser;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ImportServlet extends HttpServlet {
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ObjectInputStream in = new ObjectInputStream(request.getInputStream());
    in.setObjectInputFilter(java.io.ObjectInputFilter.Config.createFilter("java.base/*;!*"));
    try {
      // ruleid: java-unsafe-deserialization
      Object o = in.readObject();
      response.getWriter().println(o.getClass().getName().length());
    } catch (ClassNotFoundException e) {
      throw new IOException(e);
    }
    ObjectInputStream filtered = new ObjectInputStream(request.getInputStream());
    filtered.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.Order;!*"));
    try {
      // ok: java-unsafe-deserialization
      filtered.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException(e);
    }
    ObjectInputStream local = new ObjectInputStream(new java.io.FileInputStream("/etc/app/state.bin"));
    try {
      // ok: java-unsafe-deserialization
      local.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException(e);
    }
  }
}
