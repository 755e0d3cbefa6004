resource "aws_lb_listener" "plain" {
  load_balancer_arn = aws_lb.front.arn
  port              = 80
  # ruleid: tf-lb-http-listener
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}

resource "aws_lb_listener" "redirect" {
  load_balancer_arn = aws_lb.front.arn
  port              = 80
  # ok: tf-lb-http-listener
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}
