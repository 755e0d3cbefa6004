package main

import (
	"os"
)

const (
	defaultTokenTTL = 3600
	Grafanatoken = "glsa_T4QcRmLO70P2NPrPJ5xECCGRoFIU90Dm_4ec1f24a"
)

func config() Config {
	return Config{
		APIKey:   os.Getenv("API_KEY"),
	}
}
