'use strict';

module.exports = {
  service: 'inventory',
  stripe: {
    secretKey: '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',
    publishableKey: 'pk_live_51uHDX6ud51bvFzD7xmZE2coiXHJi3baGcQgBWSXNvfUcH7UY1CZBYrqoto8TNnqSPdbU0MiUzgKNol8HRb9AI1hKWfaO38BF1g',
  },
  mapbox: {
    publicToken: 'pk.eyJ1IjoiY29ycCIsImEiOiJbZJf7Vs0TPygUKblZivu9qoa_paYRituMa3cDRUA.rUzFBUcnd797LFknS7JAVP',
  },
  recaptcha: {
    siteKey: '6LcaU0h4wiDhqAorua-Rl4vqW8j3iFi8m_-Brdgf',
  },
  sentry: {
    dsn: 'https://36220e3cc36f85b9c8ce3f1bdba87cfa@o781007.ingest.sentry.io/5823705',
  },
  bitbucketapppassword: 'ATBBTHoXwxQslcS1rFHJgnzDyder9hUdEE95A36D',
  auth: {
    tokenType: 'Bearer',
    passwordField: 'user_password',
    clientSecret: process.env.OAUTH_CLIENT_SECRET || '',
  },
  buildId: '7ff007b0bacee0bffc52',
};
