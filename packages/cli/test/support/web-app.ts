// The tests' nginx app `web`, as a user writes it for `kubectl apply`: a Deployment of nginx:1.25
// pods labelled app=web, the Service `web` on port 80 in front of them, and an Ingress `web`
// sending one host to that Service. YAML text (not objects) because the tests type it in.
// The visualizer's tests keep their own `webDeployment`: they create objects in the store.

/** The Deployment `web`: `replicas` nginx pods; `containerPort` declares the pods' port. */
export function webDeployment(options: { replicas?: number; containerPort?: number } = {}): string {
  const ports = options.containerPort === undefined ? '' : `          ports: [{ containerPort: ${options.containerPort} }]\n`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${options.replicas ?? 1}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
${ports}`;
}

/** The Service `web`: port 80 to the app=web pods' port 80. */
export const WEB_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
`;

/** The Ingress `web` (class nginx): every path of `host` to Service web:80; with `tlsSecret`, https for that host. */
export function webIngress(host: string, tlsSecret?: string): string {
  const tls = tlsSecret === undefined ? '' : `  tls:\n    - hosts: [${host}]\n      secretName: ${tlsSecret}\n`;
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
${tls}  rules:
    - host: ${host}
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }
`;
}

/** Documents joined into one multi-document manifest file. */
export function manifest(...documents: string[]): string {
  return documents.join('---\n');
}
