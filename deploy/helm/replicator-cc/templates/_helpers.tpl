{{- define "replicator-cc.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/*
The ConfigMap's name, from the release so that two releases in one namespace do not collide:
<release>-connector when the release name says replicator already, else <release>-replicator-connector.
*/}}
{{- define "replicator-cc.configMapName" -}}
{{- if contains "replicator" .Release.Name -}}
{{- printf "%s-connector" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-replicator-connector" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "replicator-cc.credentialsSecret" -}}
{{- default (printf "%s-replicator-credentials" .Release.Name) .Values.credentials.existingSecret -}}
{{- end -}}

{{- define "replicator-cc.sasl" -}}
{{- $type := .Values.tls.authentication.type -}}
{{- if not (has $type (list "plain" "")) -}}
{{- fail (printf "tls.authentication.type must be plain or empty, not %q" $type) -}}
{{- end -}}
{{- if eq $type "plain" -}}true{{- end -}}
{{- end -}}

{{/* security.protocol from (tls on this link, SASL or not). Arguments: list $root tlsOn. */}}
{{- define "replicator-cc.protocol" -}}
{{- $root := index . 0 -}}
{{- printf "%s%s" (ternary "SASL_" "" (eq (include "replicator-cc.sasl" $root) "true")) (ternary "SSL" "PLAINTEXT" (index . 1)) -}}
{{- end -}}

{{/* PLAIN JAAS whose username and password are config-provider references. Arguments: list $root "src". */}}
{{- define "replicator-cc.jaas" -}}
{{- $file := printf "%s/creds.properties" (index . 0).Values.credentials.mountPath -}}
{{- $side := index . 1 -}}
{{- printf "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"${file:%s:%s.username}\" password=\"${file:%s:%s.password}\";" $file $side $file $side -}}
{{- end -}}

{{/* The Replicator connector config (the flat map of PUT /connectors/<name>/config). */}}
{{- define "replicator-cc.config" -}}
{{- $v := .Values -}}
{{- $byteArray := "io.confluent.connect.replicator.util.ByteArrayConverter" -}}
{{- $config := dict
  "connector.class" "io.confluent.connect.replicator.ReplicatorSourceConnector"
  "tasks.max" (toString (int $v.replicator.tasksMax))
  "topic.rename.format" $v.replicator.topic.renameFormat
  "key.converter" $byteArray
  "value.converter" $byteArray
  "src.kafka.bootstrap.servers" $v.source.bootstrapEndpoint
  "src.kafka.security.protocol" (include "replicator-cc.protocol" (list . $v.tls.internal))
  "dest.kafka.bootstrap.servers" $v.replicator.dependencies.kafka.bootstrapEndpoint
  "dest.kafka.security.protocol" (include "replicator-cc.protocol" (list . $v.tls.enabled))
  "confluent.topic.replication.factor" (toString (int $v.replicator.licenseTopicReplicationFactor))
-}}
{{- with $v.replicator.topic.whitelist -}}
{{- $_ := set $config "topic.whitelist" (join "," .) -}}
{{- end -}}
{{- if eq (include "replicator-cc.sasl" .) "true" -}}
{{- $_ := set $config "src.kafka.sasl.mechanism" "PLAIN" -}}
{{- $_ = set $config "src.kafka.sasl.jaas.config" (include "replicator-cc.jaas" (list . "src")) -}}
{{- $_ = set $config "dest.kafka.sasl.mechanism" "PLAIN" -}}
{{- $_ = set $config "dest.kafka.sasl.jaas.config" (include "replicator-cc.jaas" (list . "dest")) -}}
{{- end -}}
{{- range $key, $value := $v.replicator.extraConfig -}}
{{- $_ := set $config $key (toString $value) -}}
{{- end -}}
{{- toJson $config -}}
{{- end -}}

{{- define "replicator-cc.connectorName" -}}
{{- $name := .Values.replicator.name -}}
{{- if not (regexMatch "^[A-Za-z0-9][A-Za-z0-9._-]*$" $name) -}}
{{- fail (printf "replicator.name %q: use letters, digits, '.', '_' and '-' (it is a URL path segment)" $name) -}}
{{- end -}}
{{- $name -}}
{{- end -}}
