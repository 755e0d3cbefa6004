package com.example.docs;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reports on disk, one file per report under a base folder. */
public class FileStore {
  private final File base;

  public FileStore(File base) {
    this.base = base;
  }

  public InputStream open(String name) throws IOException {
    return new FileInputStream(new File(base, name));
  }

  public long size(String name) {
    return name.length();
  }
}
