// The protobuf layouts of the kinds kubectl writes through client-go's typed clients: the `kubectl
// create <generator>` commands (deployment, namespace, configmap, secret, service, serviceaccount,
// job, cronjob, role, clusterrole, rolebinding, clusterrolebinding, quota, priorityclass,
// poddisruptionbudget, ingress), `kubectl autoscale` and `kubectl drain`'s evictions. Field numbers
// are those of k8s.io/api and k8s.io/apimachinery `generated.proto` (go-to-protobuf); a message's
// fields not listed here are accepted only while they hold zeros (protobuf.ts).
//
// Each field is `jsonName=number[:type][*]`:
//   type   string (default), int, bool, bytes (base64 in JSON), Time, MicroTime, Quantity,
//          IntOrString, Raw (runtime.RawExtension), map (map<string,string>), map<bytes>,
//          map<Quantity>, another message's name, [type] for a repeated field, ^Message for a
//          message Go embeds inline (its fields appear in the parent's JSON), skip (read, ignored)
//   *      keep a zero value: a pointer field, where 0 or false is a choice (`--replicas=0`)

export interface FieldSpec {
  name: string;
  number: number;
  type: string;
  repeated: boolean;
  keep: boolean;
  inline: boolean;
}

const MESSAGES: Record<string, string> = {
  // k8s.io/apimachinery/pkg/apis/meta/v1
  ObjectMeta:
    'name=1 generateName=2 namespace=3 selfLink=4 uid=5 resourceVersion=6 generation=7:int creationTimestamp=8:Time deletionTimestamp=9:Time ' +
    'deletionGracePeriodSeconds=10:int* labels=11:map annotations=12:map ownerReferences=13:[OwnerReference] finalizers=14:[string] managedFields=17:skip',
  OwnerReference: 'kind=1 name=3 uid=4 apiVersion=5 controller=6:bool* blockOwnerDeletion=7:bool*',
  LabelSelector: 'matchLabels=1:map matchExpressions=2:[LabelSelectorRequirement]',
  LabelSelectorRequirement: 'key=1 operator=2 values=3:[string]',
  DeleteOptions: 'gracePeriodSeconds=1:int* preconditions=2:Preconditions orphanDependents=3:bool* propagationPolicy=4 dryRun=5:[string]',
  Preconditions: 'uid=1 resourceVersion=2',

  // k8s.io/api/core/v1
  Namespace: 'metadata=1:ObjectMeta spec=2:NamespaceSpec status=3:skip',
  NamespaceSpec: 'finalizers=1:[string]',
  ConfigMap: 'metadata=1:ObjectMeta data=2:map binaryData=3:map<bytes> immutable=4:bool*',
  Secret: 'metadata=1:ObjectMeta data=2:map<bytes> type=3 stringData=4:map immutable=5:bool*',
  ServiceAccount: 'metadata=1:ObjectMeta secrets=2:[ObjectReference] imagePullSecrets=3:[LocalObjectReference] automountServiceAccountToken=4:bool*',
  ObjectReference: 'kind=1 namespace=2 name=3 uid=4 apiVersion=5 resourceVersion=6 fieldPath=7',
  LocalObjectReference: 'name=1',
  Service: 'metadata=1:ObjectMeta spec=2:ServiceSpec status=3:skip',
  ServiceSpec:
    'ports=1:[ServicePort] selector=2:map clusterIP=3 type=4 externalIPs=5:[string] sessionAffinity=7 loadBalancerIP=8 ' +
    'loadBalancerSourceRanges=9:[string] externalName=10 externalTrafficPolicy=11 healthCheckNodePort=12:int publishNotReadyAddresses=13:bool',
  ServicePort: 'name=1 protocol=2 port=3:int* targetPort=4:IntOrString nodePort=5:int appProtocol=6',
  ResourceQuota: 'metadata=1:ObjectMeta spec=2:ResourceQuotaSpec status=3:skip',
  ResourceQuotaSpec: 'hard=1:map<Quantity> scopes=2:[string] scopeSelector=3:ScopeSelector',
  ScopeSelector: 'matchExpressions=1:[ScopedResourceSelectorRequirement]',
  ScopedResourceSelectorRequirement: 'scopeName=1 operator=2 values=3:[string]',
  PodTemplateSpec: 'metadata=1:ObjectMeta spec=2:PodSpec',
  PodSpec:
    'volumes=1:[Volume] containers=2:[Container] restartPolicy=3 terminationGracePeriodSeconds=4:int* activeDeadlineSeconds=5:int* dnsPolicy=6 ' +
    'nodeSelector=7:map serviceAccountName=8 serviceAccount=9 nodeName=10 hostNetwork=11:bool hostPID=12:bool hostIPC=13:bool ' +
    'imagePullSecrets=15:[LocalObjectReference] hostname=16 subdomain=17 schedulerName=19 initContainers=20:[Container] ' +
    'automountServiceAccountToken=21:bool* tolerations=22:[Toleration] priorityClassName=24 priority=25:int* enableServiceLinks=30:bool*',
  Container:
    'name=1 image=2 command=3:[string] args=4:[string] workingDir=5 ports=6:[ContainerPort] env=7:[EnvVar] resources=8:ResourceRequirements ' +
    'volumeMounts=9:[VolumeMount] livenessProbe=10:Probe readinessProbe=11:Probe terminationMessagePath=13 imagePullPolicy=14 ' +
    'stdin=16:bool stdinOnce=17:bool tty=18:bool envFrom=19:[EnvFromSource] terminationMessagePolicy=20 startupProbe=22:Probe restartPolicy=24',
  ContainerPort: 'name=1 hostPort=2:int containerPort=3:int* protocol=4 hostIP=5',
  EnvVar: 'name=1 value=2 valueFrom=3:EnvVarSource',
  EnvVarSource: 'fieldRef=1:ObjectFieldSelector resourceFieldRef=2:ResourceFieldSelector configMapKeyRef=3:ConfigMapKeySelector secretKeyRef=4:SecretKeySelector',
  ObjectFieldSelector: 'apiVersion=1 fieldPath=2',
  ResourceFieldSelector: 'containerName=1 resource=2 divisor=3:Quantity',
  ConfigMapKeySelector: '^LocalObjectReference=1 key=2 optional=3:bool*',
  SecretKeySelector: '^LocalObjectReference=1 key=2 optional=3:bool*',
  EnvFromSource: 'prefix=1 configMapRef=2:ConfigMapEnvSource secretRef=3:SecretEnvSource',
  ConfigMapEnvSource: '^LocalObjectReference=1 optional=2:bool*',
  SecretEnvSource: '^LocalObjectReference=1 optional=2:bool*',
  ResourceRequirements: 'limits=1:map<Quantity> requests=2:map<Quantity>',
  VolumeMount: 'name=1 readOnly=2:bool mountPath=3 subPath=4 mountPropagation=5 subPathExpr=6',
  Volume: 'name=1 ^VolumeSource=2',
  VolumeSource:
    'hostPath=1:HostPathVolumeSource emptyDir=2:EmptyDirVolumeSource secret=6:SecretVolumeSource ' +
    'persistentVolumeClaim=10:PersistentVolumeClaimVolumeSource configMap=19:ConfigMapVolumeSource',
  HostPathVolumeSource: 'path=1 type=2*',
  EmptyDirVolumeSource: 'medium=1 sizeLimit=2:Quantity',
  SecretVolumeSource: 'secretName=1 items=2:[KeyToPath] defaultMode=3:int* optional=4:bool*',
  ConfigMapVolumeSource: '^LocalObjectReference=1 items=2:[KeyToPath] defaultMode=3:int* optional=4:bool*',
  KeyToPath: 'key=1 path=2 mode=3:int*',
  PersistentVolumeClaimVolumeSource: 'claimName=1 readOnly=2:bool',
  Probe: '^ProbeHandler=1 initialDelaySeconds=2:int timeoutSeconds=3:int periodSeconds=4:int successThreshold=5:int failureThreshold=6:int terminationGracePeriodSeconds=7:int*',
  ProbeHandler: 'exec=1:ExecAction httpGet=2:HTTPGetAction tcpSocket=3:TCPSocketAction',
  ExecAction: 'command=1:[string]',
  HTTPGetAction: 'path=1 port=2:IntOrString host=3 scheme=4 httpHeaders=5:[HTTPHeader]',
  HTTPHeader: 'name=1 value=2',
  TCPSocketAction: 'port=1:IntOrString host=2',
  Toleration: 'key=1 operator=2 value=3 effect=4 tolerationSeconds=5:int*',

  // k8s.io/api/apps/v1
  Deployment: 'metadata=1:ObjectMeta spec=2:DeploymentSpec status=3:skip',
  DeploymentSpec:
    'replicas=1:int* selector=2:LabelSelector template=3:PodTemplateSpec strategy=4:DeploymentStrategy minReadySeconds=5:int ' +
    'revisionHistoryLimit=6:int* paused=7:bool progressDeadlineSeconds=9:int*',
  DeploymentStrategy: 'type=1 rollingUpdate=2:RollingUpdateDeployment',
  RollingUpdateDeployment: 'maxUnavailable=1:IntOrString maxSurge=2:IntOrString',

  // k8s.io/api/batch/v1
  Job: 'metadata=1:ObjectMeta spec=2:JobSpec status=3:skip',
  JobSpec:
    'parallelism=1:int* completions=2:int* activeDeadlineSeconds=3:int* selector=4:LabelSelector manualSelector=5:bool* template=6:PodTemplateSpec ' +
    'backoffLimit=7:int* ttlSecondsAfterFinished=8:int* completionMode=9 suspend=10:bool*',
  CronJob: 'metadata=1:ObjectMeta spec=2:CronJobSpec status=3:skip',
  CronJobSpec:
    'schedule=1 startingDeadlineSeconds=2:int* concurrencyPolicy=3 suspend=4:bool* jobTemplate=5:JobTemplateSpec ' +
    'successfulJobsHistoryLimit=6:int* failedJobsHistoryLimit=7:int* timeZone=8',
  JobTemplateSpec: 'metadata=1:ObjectMeta spec=2:JobSpec',

  // k8s.io/api/rbac/v1
  Role: 'metadata=1:ObjectMeta rules=2:[PolicyRule]',
  ClusterRole: 'metadata=1:ObjectMeta rules=2:[PolicyRule] aggregationRule=3:AggregationRule',
  PolicyRule: 'verbs=1:[string] apiGroups=2:[string] resources=3:[string] resourceNames=4:[string] nonResourceURLs=5:[string]',
  AggregationRule: 'clusterRoleSelectors=1:[LabelSelector]',
  RoleBinding: 'metadata=1:ObjectMeta subjects=2:[Subject] roleRef=3:RoleRef',
  ClusterRoleBinding: 'metadata=1:ObjectMeta subjects=2:[Subject] roleRef=3:RoleRef',
  Subject: 'kind=1 apiGroup=2 name=3 namespace=4',
  RoleRef: 'apiGroup=1 kind=2 name=3',

  // k8s.io/api/scheduling/v1 (value has no omitempty: 0 is sent and kept)
  PriorityClass: 'metadata=1:ObjectMeta value=2:int* globalDefault=3:bool description=4 preemptionPolicy=5',

  // k8s.io/api/policy/v1
  PodDisruptionBudget: 'metadata=1:ObjectMeta spec=2:PodDisruptionBudgetSpec status=3:skip',
  PodDisruptionBudgetSpec: 'minAvailable=1:IntOrString selector=2:LabelSelector maxUnavailable=3:IntOrString unhealthyPodEvictionPolicy=4',
  Eviction: 'metadata=1:ObjectMeta deleteOptions=2:DeleteOptions',

  // k8s.io/api/networking/v1
  Ingress: 'metadata=1:ObjectMeta spec=2:IngressSpec status=3:skip',
  IngressSpec: 'defaultBackend=1:IngressBackend tls=2:[IngressTLS] rules=3:[IngressRule] ingressClassName=4',
  IngressBackend: 'resource=3:TypedLocalObjectReference service=4:IngressServiceBackend',
  IngressServiceBackend: 'name=1 port=2:ServiceBackendPort',
  ServiceBackendPort: 'name=1 number=2:int',
  TypedLocalObjectReference: 'apiGroup=1 kind=2 name=3',
  IngressTLS: 'hosts=1:[string] secretName=2',
  IngressRule: 'host=1 ^IngressRuleValue=2',
  IngressRuleValue: 'http=1:HTTPIngressRuleValue',
  HTTPIngressRuleValue: 'paths=1:[HTTPIngressPath]',
  HTTPIngressPath: 'path=1 backend=2:IngressBackend pathType=3',

  // k8s.io/api/autoscaling/v1 and v2
  HorizontalPodAutoscalerV1: 'metadata=1:ObjectMeta spec=2:HorizontalPodAutoscalerSpecV1 status=3:skip',
  HorizontalPodAutoscalerSpecV1: 'scaleTargetRef=1:CrossVersionObjectReference minReplicas=2:int* maxReplicas=3:int* targetCPUUtilizationPercentage=4:int*',
  CrossVersionObjectReference: 'kind=1 name=2 apiVersion=3',
  HorizontalPodAutoscaler: 'metadata=1:ObjectMeta spec=2:HorizontalPodAutoscalerSpec status=3:skip',
  HorizontalPodAutoscalerSpec: 'scaleTargetRef=1:CrossVersionObjectReference minReplicas=2:int* maxReplicas=3:int* metrics=4:[MetricSpec]',
  MetricSpec: 'type=1 resource=4:ResourceMetricSource',
  ResourceMetricSource: 'name=1 target=2:MetricTarget',
  MetricTarget: 'type=1 value=2:Quantity averageValue=3:Quantity averageUtilization=4:int*',
};

/** The message of each kind a typed client may send, by `apiVersion kind`. */
const KINDS: Record<string, string> = {
  'v1 Namespace': 'Namespace',
  'v1 ConfigMap': 'ConfigMap',
  'v1 Secret': 'Secret',
  'v1 ServiceAccount': 'ServiceAccount',
  'v1 Service': 'Service',
  'v1 ResourceQuota': 'ResourceQuota',
  'v1 DeleteOptions': 'DeleteOptions',
  'meta.k8s.io/v1 DeleteOptions': 'DeleteOptions',
  'apps/v1 Deployment': 'Deployment',
  'batch/v1 Job': 'Job',
  'batch/v1 CronJob': 'CronJob',
  'rbac.authorization.k8s.io/v1 Role': 'Role',
  'rbac.authorization.k8s.io/v1 ClusterRole': 'ClusterRole',
  'rbac.authorization.k8s.io/v1 RoleBinding': 'RoleBinding',
  'rbac.authorization.k8s.io/v1 ClusterRoleBinding': 'ClusterRoleBinding',
  'scheduling.k8s.io/v1 PriorityClass': 'PriorityClass',
  'policy/v1 PodDisruptionBudget': 'PodDisruptionBudget',
  'policy/v1 Eviction': 'Eviction',
  'networking.k8s.io/v1 Ingress': 'Ingress',
  'autoscaling/v1 HorizontalPodAutoscaler': 'HorizontalPodAutoscalerV1',
  'autoscaling/v2 HorizontalPodAutoscaler': 'HorizontalPodAutoscaler',
};

export function messageFor(apiVersion: string, kind: string): string | undefined {
  return KINDS[`${apiVersion} ${kind}`];
}

const parsed = new Map<string, Map<number, FieldSpec>>();

/** A message's fields by number (empty for messages the schema does not describe). */
export function schemaOf(message: string): Map<number, FieldSpec> {
  let fields = parsed.get(message);
  if (fields !== undefined) return fields;
  fields = new Map();
  for (const entry of (MESSAGES[message] ?? '').split(' ').filter((e) => e !== '')) {
    const match = /^(\^?)([A-Za-z]+)=(\d+)(?::(\[?)([A-Za-z0-9<>]+)\]?)?(\*?)$/.exec(entry);
    if (match === null) throw new Error(`protobuf schema: bad field ${JSON.stringify(entry)} in ${message}`);
    const [, caret, name, number, bracket, type, star] = match;
    const inline = caret === '^';
    fields.set(Number(number), {
      name: name!,
      number: Number(number),
      type: inline ? name! : (type ?? 'string'),
      repeated: bracket === '[' || (type ?? '').startsWith('map'),
      keep: star === '*',
      inline,
    });
  }
  parsed.set(message, fields);
  return fields;
}
