package com.example.webshop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads products from the database. */
public final class ProductRepository {
  private final Database database;

  public ProductRepository(Database database) {
    this.database = database;
  }

  public List<Product> all() throws SQLException {
    try (Connection c = database.open();
        PreparedStatement ps = c.prepareStatement("select id, name, price from product order by name");
        ResultSet rs = ps.executeQuery()) {
      List<Product> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new Product(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3)));
      }
      return out;
    }
  }

  public List<Product> search(String term) throws SQLException {
    String sql = "select id, name, price from product where name like '%" + term + "%' order by name";
    try (Connection c = database.open();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      List<Product> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new Product(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3)));
      }
      return out;
    }
  }
}
