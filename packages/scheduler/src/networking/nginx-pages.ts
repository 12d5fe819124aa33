// The pages nginx itself answers with (ngx_http_special_response.c), as ingress-nginx serves them
// with `server_tokens off` (so the footer says just `nginx`), and the reason phrases nginx uses.

const REASONS: Record<number, string> = {
  308: 'Permanent Redirect',
  404: 'Not Found',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

export function nginxReason(status: number): string {
  return REASONS[status] ?? '';
}

/** The HTML body nginx sends for an error or redirect status. */
export function nginxPage(status: number): string {
  const title = `${status} ${nginxReason(status)}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
