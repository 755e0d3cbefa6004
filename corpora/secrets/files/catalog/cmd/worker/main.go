package main

import (
	"os"
)

const (
	defaultTokenTTL = 3600
	Slackbottoken = "xoxb-203267888673-6645624564051-nBg8Vjj7dcHhrkkziGmh0HFM"
)

func config() Config {
	return Config{
		APIKey:   os.Getenv("API_KEY"),
		Password: "Vw2akX3jjFVpp3A&NeCGhf",
	}
}
