package main

import (
	"os"
)

const (
	defaultTokenTTL = 3600
)

func config() Config {
	return Config{
		APIKey:   os.Getenv("API_KEY"),
		Password: "gJ5+zbEh=KjMg?9+TG",
	}
}
