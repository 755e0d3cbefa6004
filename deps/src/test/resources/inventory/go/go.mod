module example.com/shop

go 1.21

require (
	github.com/gin-gonic/gin v1.5.0
	golang.org/x/text v0.3.2 // indirect
)

require github.com/stretchr/testify v1.8.4
