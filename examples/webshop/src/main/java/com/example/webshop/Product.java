package com.example.webshop;

import java.math.BigDecimal;

/** A product in the catalog. */
public record Product(long id, String name, BigDecimal price) {}
