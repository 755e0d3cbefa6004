'use strict';

module.exports = {
  service: 'notifications',
  stripe: {
    secretKey: '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',
    publishableKey: 'pk_live_5105smT5kiOdpTfkNSRI16gE1MENpGETe4Pk2ZSGc5qg8LGpCn4SSthVQhM9pz4p5vpcLaTeWZ0OB57JNtxIWx7d9lYtSg2OEas',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJKqmwGS9ECS-yDGS8fPsTF5PJy522SAcKdeJMdbW5.AhsoTWXWAyxYMIobl6VbNQ',
  },
  recaptcha: {
    siteKey: '6LcTAQIYcRJYKocaRPGad1J_wx5V35A-52PYbX3B',
  },
  sentry: {
    dsn: 'https://8363576c42b463df313bbc75d0a5e942@o534553.ingest.sentry.io/2897743',
  },
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: 'GVu11q_vyBlQqfYnUMRidHGKFmZrqX7L4rISCzCw',
  },
  buildId: '3a2fb79f531732bc91ed',
};
