'use strict';

module.exports = {
  service: 'ledger',
  stripe: {
    secretKey: process.env.STRIPE_SECRET_KEY,
    publishableKey: 'pk_live_51DpxyHJOCxNb1oJwfAY2AaL033OusXnF2faRfWJRou7xJveRBYDY9nGaDyBCtucyXnxIwcmZtVli4vKBxVX4brN7l6SfxFCgrz',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJ5HAQ4CQ1OLBoQ9MH1eJyx5o2T_StJY-9twUVtMca.jU82lZGVo-XHed1njRlKxp',
  },
  recaptcha: {
    siteKey: '6LcqhJbbEysR1ybIc7N9Bb9LuFBdzgTjYLtP5YbS',
  },
  sentry: {
    dsn: 'https://9c6bb89ce1711b78ac7b4882b690980b@o355131.ingest.sentry.io/6498206',
  },
  twilioapikey: 'SK5209bf5fda13fd3ad11307508f90e4ac',
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: process.env.OAUTH_CLIENT_SECRET || '',
  },
  buildId: 'b0eeb126036ac28f78c5',
};
