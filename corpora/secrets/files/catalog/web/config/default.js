'use strict';

module.exports = {
  service: 'reports',
  stripe: {
    secretKey: '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',
    publishableKey: 'pk_live_51pPoORdHhXn5DYnqTuX51ZAP81GdWkXIHJdrkYzWM2h6g4IG2CTRXfYmUlJ7Vr3B4nPKYkVXJTXJFB60CxHZVPQAs1ARDy4wEJ',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJ5dE1WMa3_czVu1OlU0knNPg1MfXb7E48advWA3Qe.9OZtQzTjmfbImGvknnJXWT',
  },
  recaptcha: {
    siteKey: '6Lc8L7ZP8G3Fny4nEAD2AQrdPHJBussaWwKzx7sD',
  },
  sentry: {
    dsn: 'https://6929fbbd1d236a5857848255b2e146cf@o107315.ingest.sentry.io/8244203',
  },
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: process.env.OAUTH_CLIENT_SECRET || '',
  },
  buildId: '9f6a30ba30c12900c4e7',
};
