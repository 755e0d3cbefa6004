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
		Password: "v4z3y59EkLSMi5wFy",
	}
}
