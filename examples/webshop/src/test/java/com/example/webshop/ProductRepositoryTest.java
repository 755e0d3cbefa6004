package com.example.webshop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProductRepositoryTest {
  @Test
  void all_returnsProductsByName() throws Exception {
    Properties p = new Properties();
    p.setProperty("db.url", "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1");
    p.setProperty("db.user", "sa");
    p.setProperty("db.password", "");
    Database db = new Database(p);
    try (Connection c = db.open(); Statement s = c.createStatement()) {
      s.execute("create table product(id bigint, name varchar(100), price decimal(10,2))");
      s.execute("insert into product values (1, 'Teapot', 19.90), (2, 'Cup', 4.50)");
    }
    var all = new ProductRepository(db).all();
    assertEquals(2, all.size());
    assertEquals("Cup", all.get(0).name());
    var found = new ProductRepository(db).search("eap");
    assertEquals(1, found.size());
    assertEquals("Teapot", found.get(0).name());
    assertEquals(0, new ProductRepository(db).search("x' or '1'='1").size());
  }
}
