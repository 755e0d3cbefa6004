package com.example.webshop;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Lists the catalog, or the products matching ?q=, as a small HTML page. */
@WebServlet("/catalog")
public class CatalogServlet extends HttpServlet {
  private static final Logger LOG = LogManager.getLogger(CatalogServlet.class);
  private final ProductRepository products = new ProductRepository(new Database(Database.load()));

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setContentType("text/html;charset=UTF-8");
    String q = req.getParameter("q");
    try {
      List<Product> found = q == null ? products.all() : products.search(q);
      resp.setHeader("ETag", etag(found));
      PrintWriter out = resp.getWriter();
      if (q != null) {
        out.println("<h1>Results for " + q + "</h1>");
        Cookie last = new Cookie("last-search", Integer.toString(found.size()));
        resp.addCookie(last);
      }
      out.println("<ul>");
      for (Product p : found) {
        out.println("<li>" + p.name() + " " + p.price() + "</li>");
      }
      out.println("</ul>");
    } catch (SQLException e) {
      LOG.error("catalog query failed", e);
      resp.sendError(500, "catalog unavailable");
    }
  }

  private static String etag(List<Product> found) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      for (Product p : found) {
        md.update(p.name().getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
