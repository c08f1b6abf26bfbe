{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "connectgate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release full name; also the name of the Service and both webhook configurations. */}}
{{- define "connectgate.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "connectgate.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "connectgate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "connectgate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "connectgate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "connectgate.serviceAccountName" -}}
{{- default (include "connectgate.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{/*
The connectgate image: [registry/]repository then @digest, else :tag (default appVersion). No
image is published for you, so there is no default repository: build and push one
(docs/operations.md, "Container image").
*/}}
{{- define "connectgate.image" -}}
{{- $repo := required "image.repository is required: no connectgate image is published for you. Build and push one (docs/operations.md, \"Container image\"), then set image.repository (and image.registry, image.tag or image.digest), e.g. --set image.registry=registry.example.com --set image.repository=platform/connectgate" .Values.image.repository -}}
{{- $name := ternary (printf "%s/%s" (trimSuffix "/" .Values.image.registry) $repo) $repo (ne .Values.image.registry "") -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $name .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $name (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* Secret holding the serving certificate (generated, issued or provided). */}}
{{- define "connectgate.tlsSecretName" -}}
{{- if eq .Values.tls.mode "existingSecret" -}}
{{- required "tls.existingSecret.name is required when tls.mode=existingSecret" .Values.tls.existingSecret.name -}}
{{- else -}}
{{- printf "%s-tls" (include "connectgate.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* Where --cert-dir points: a writable emptyDir when connectgate generates the certificate. */}}
{{- define "connectgate.certDir" -}}
{{- if eq .Values.tls.mode "selfManaged" -}}/var/run/connectgate/certs{{- else -}}/etc/connectgate/certs{{- end -}}
{{- end -}}

{{- define "connectgate.validateValues" -}}
{{- if not (has .Values.tls.mode (list "selfManaged" "certManager" "existingSecret")) -}}
{{- fail (printf "tls.mode must be selfManaged, certManager or existingSecret, not %q" .Values.tls.mode) -}}
{{- end -}}
{{- if not (has .Values.webhook.inspect (list "all" "labelled")) -}}
{{- fail (printf "webhook.inspect must be all or labelled, not %q" .Values.webhook.inspect) -}}
{{- end -}}
{{- if not (has .Values.webhook.failurePolicy (list "Fail" "Ignore")) -}}
{{- fail (printf "webhook.failurePolicy must be Fail or Ignore, not %q" .Values.webhook.failurePolicy) -}}
{{- end -}}
{{- $t := int .Values.webhook.timeoutSeconds -}}
{{- if or (lt $t 1) (gt $t 30) -}}
{{- fail "webhook.timeoutSeconds must be between 1 and 30" -}}
{{- end -}}
{{- end -}}

{{/* The Service's DNS names: the certificate's SANs. */}}
{{- define "connectgate.dnsNames" -}}
{{- $svc := include "connectgate.fullname" . -}}
{{- $ns := .Release.Namespace -}}
{{- $names := list $svc (printf "%s.%s" $svc $ns) (printf "%s.%s.svc" $svc $ns) (printf "%s.%s.svc.cluster.local" $svc $ns) -}}
{{- concat $names .Values.tls.extraDnsNames | toJson -}}
{{- end -}}

{{/*
One webhook's common fields. Arguments: dict "root" $ "path" "/validate".
*/}}
{{- define "connectgate.webhookCommon" -}}
{{- $root := .root -}}
clientConfig:
  service:
    name: {{ include "connectgate.fullname" $root }}
    namespace: {{ $root.Release.Namespace }}
    path: {{ .path }}
    port: {{ $root.Values.service.port }}
  {{- if eq $root.Values.tls.mode "existingSecret" }}
  caBundle: {{ required "tls.existingSecret.caBundle is required when tls.mode=existingSecret" $root.Values.tls.existingSecret.caBundle }}
  {{- end }}
rules:
  - apiGroups: [""]
    apiVersions: ["v1"]
    resources: ["configmaps"]
    operations: ["CREATE", "UPDATE"]
    scope: Namespaced
  {{- if $root.Values.connectorResources.strimzi.enabled }}
  # Strimzi KafkaConnector (spec.class, spec.config) and KafkaMirrorMaker2 (the connectors of
  # its mirrors).
  - apiGroups: ["kafka.strimzi.io"]
    apiVersions: ["v1beta2", "v1"]
    resources: ["kafkaconnectors", "kafkamirrormaker2s"]
    operations: ["CREATE", "UPDATE"]
    scope: Namespaced
  {{- end }}
  {{- if $root.Values.connectorResources.confluent.enabled }}
  # Confluent for Kubernetes Connector (spec.class, spec.configs).
  - apiGroups: ["platform.confluent.io"]
    apiVersions: ["v1beta1"]
    resources: ["connectors"]
    operations: ["CREATE", "UPDATE"]
    scope: Namespaced
  {{- end }}
failurePolicy: {{ $root.Values.webhook.failurePolicy }}
matchPolicy: Equivalent
sideEffects: NoneOnDryRun
admissionReviewVersions: ["v1"]
timeoutSeconds: {{ int $root.Values.webhook.timeoutSeconds }}
namespaceSelector:
  matchExpressions:
    - key: kubernetes.io/metadata.name
      operator: NotIn
      values: {{ concat (list "kube-system" $root.Release.Namespace) $root.Values.webhook.excludeNamespaces | uniq | toJson }}
    # Opt-out: a namespace labelled connectgate.io/ignore=true is never sent.
    - key: connectgate.io/ignore
      operator: NotIn
      values: ["true"]
{{- if eq $root.Values.webhook.inspect "labelled" }}
objectSelector:
  matchExpressions:
    - key: connectgate.io/connector
      operator: Exists
    # The label's value "false" means "not a connector".
    - key: connectgate.io/connector
      operator: NotIn
      values: ["false"]
{{- end }}
{{- if $root.Values.webhook.matchConditions.enabled }}
matchConditions:
  # Leader-election and lock ConfigMaps are rewritten every few seconds by controllers, and
  # kube-root-ca.crt is created in every new namespace: none carries connectors, and none
  # must wait for (or be blocked by) connectgate. generateName objects may have no name yet.
  # Connector custom resources (connectorResources) are always sent, whatever their name.
  - name: skip-locks-and-system-configmaps
    expression: >-
      request.kind.kind != 'ConfigMap'
      || (!(has(object.metadata.name) && (object.metadata.name == 'kube-root-ca.crt'
      || object.metadata.name.endsWith('-lock') || object.metadata.name.endsWith('-leader')
      || object.metadata.name.endsWith('leader-election')))
      && !(has(object.metadata.annotations)
      && 'control-plane.alpha.kubernetes.io/leader' in object.metadata.annotations))
{{- end }}
{{- end -}}

{{/* cert-manager's CA injection, on both webhook configurations. */}}
{{- define "connectgate.webhookAnnotations" -}}
{{- if eq .Values.tls.mode "certManager" }}
annotations:
  cert-manager.io/inject-ca-from: {{ printf "%s/%s" .Release.Namespace (include "connectgate.fullname" .) }}
{{- end }}
{{- end -}}

{{/* The webhook pods talk to the API server to register the webhooks, for self-managed TLS and deploy Jobs. */}}
{{- define "connectgate.needsServiceAccountToken" -}}
{{- if or (include "connectgate.registersWebhooks" .) (eq .Values.tls.mode "selfManaged") .Values.deployJobs.enabled -}}true{{- else -}}false{{- end -}}
{{- end -}}

{{/* Non-empty when the pods register at least one webhook configuration. */}}
{{- define "connectgate.registersWebhooks" -}}
{{- if or .Values.webhook.validating.enabled .Values.webhook.mutating.enabled -}}true{{- end -}}
{{- end -}}

{{/*
Labels of the configurations the pods register: not app.kubernetes.io/instance nor
managed-by Helm, so that neither Helm nor Argo CD's label tracking takes them for objects of
the release (Argo CD would prune them, Helm would refuse to adopt them).
*/}}
{{- define "connectgate.registeredLabels" -}}
app.kubernetes.io/name: {{ include "connectgate.name" . }}
app.kubernetes.io/managed-by: connectgate
connectgate.io/release: {{ .Release.Name }}
{{- end -}}

{{/* The webhook configurations the pods register (the data of the <fullname>-webhooks ConfigMap). */}}
{{- define "connectgate.webhookConfigurations" -}}
{{- if .Values.webhook.validating.enabled }}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: {{ include "connectgate.fullname" . }}
  labels:
    {{- include "connectgate.registeredLabels" . | nindent 4 }}
  {{- with (include "connectgate.webhookAnnotations" .) }}
  {{- . | nindent 2 }}
  {{- end }}
webhooks:
  - name: validate.connectgate.io
    {{- include "connectgate.webhookCommon" (dict "root" . "path" "/validate") | nindent 4 }}
{{- end }}
{{- if .Values.webhook.mutating.enabled }}
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: {{ include "connectgate.fullname" . }}
  labels:
    {{- include "connectgate.registeredLabels" . | nindent 4 }}
  {{- with (include "connectgate.webhookAnnotations" .) }}
  {{- . | nindent 2 }}
  {{- end }}
webhooks:
  - name: mutate.connectgate.io
    {{- include "connectgate.webhookCommon" (dict "root" . "path" "/mutate") | nindent 4 }}
    # Re-run after later mutating webhooks changed the object, so defaults stay complete.
    reinvocationPolicy: IfNeeded
{{- end }}
{{- end -}}

{{/* The deploy controller's leader-election Lease: its name always contains "connectgate". */}}
{{- define "connectgate.deployLease" -}}
{{- $base := include "connectgate.fullname" . | trunc 40 | trimSuffix "-" -}}
{{- if contains "connectgate" $base -}}
{{- printf "%s-deploy-controller" $base -}}
{{- else -}}
{{- printf "connectgate-%s-deploy-controller" $base -}}
{{- end -}}
{{- end -}}
