package com.example.webshop;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;

/** Lists the catalog as plain text. */
@WebServlet("/catalog")
public class CatalogServlet extends HttpServlet {
  private final ProductRepository products = new ProductRepository(new Database(Database.load()));

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setContentType("text/plain;charset=UTF-8");
    try {
      for (Product p : products.all()) {
        resp.getWriter().println(p.name() + "\t" + p.price());
      }
    } catch (SQLException e) {
      resp.sendError(500, "catalog unavailable");
    }
  }
}
