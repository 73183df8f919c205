/** A plain 404 page, and an error page that shows the request id that the log line carries. */
import type { FastifyError, FastifyInstance } from 'fastify';

export function setUpErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler({ preHandler: undefined }, async (req, reply) =>
    reply.code(404).view('web/views/notFound.njk', { pageTitle: 'Page not found', principal: req.principal }),
  );
  app.setErrorHandler(async (error: FastifyError, req, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) req.log.error({ err: error, reqId: req.id }, 'request failed');
    else req.log.info({ reqId: req.id, code: error.code }, error.message);
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
      return reply
        .code(403)
        .view('web/views/expired.njk', { pageTitle: 'Your form has expired', principal: req.principal });
    }
    if (status === 413) {
      return reply
        .code(413)
        .view('web/views/tooLarge.njk', { pageTitle: 'The file is too large', principal: req.principal });
    }
    if (status === 404)
      return reply
        .code(404)
        .view('web/views/notFound.njk', { pageTitle: 'Page not found', principal: req.principal });
    return reply.code(status >= 400 ? status : 500).view('web/views/error.njk', {
      pageTitle: 'Sorry, there is a problem with the service',
      requestId: req.id,
      principal: req.principal,
    });
  });
}
