Stripe.api_key = ENV.fetch('STRIPE_SECRET_KEY')
Stripe.api_version = '2024-06-20'
