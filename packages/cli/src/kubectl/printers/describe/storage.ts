// `kubectl describe pvc` (with the pods that use it), `kubectl describe pv` and `describe sc`.
// [kubectl pkg/describe/describe.go `describePersistentVolumeClaim`, `printPersistentVolumeClaim`,
// `getPodsForPVC`, `describePersistentVolume`]
import type { Event, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { formatAge } from '../age.ts';
import { compareStrings, formatLabels } from '../labels.ts';
import { accessModesString, storageClassOf } from '../persistentvolume.ts';
import { isDefaultStorageClass } from '../storageclass.ts';
import { canonical } from './containers.ts';
import { describeEvents } from './events.ts';
import type { DescribeWriter } from './writer.ts';
import { formatRFC1123Z, LEVEL_0, LEVEL_1, LEVEL_2, printAnnotationsMultiline, printLabelsMultiline, tabbedString } from './writer.ts';

/** `pods`: the pods of the claim's namespace; those mounting it (or owning it) are listed. */
export function describePersistentVolumeClaim(
  pvc: PersistentVolumeClaim,
  pods: readonly Pod[],
  events: readonly Event[] | undefined,
  now: number,
): string {
  const users = pods.filter(
    (pod) =>
      pod.spec?.volumes?.some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata?.name) ||
      pvc.metadata?.ownerReferences?.some((ref) => ref.kind === 'Pod' && ref.uid === pod.metadata?.uid),
  );
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${pvc.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pvc)}\n`);
    if (pvc.metadata?.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${formatAge(pvc.metadata.deletionTimestamp, now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`);
    w.write(LEVEL_0, `Volume:\t${pvc.spec?.volumeName ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', pvc.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', pvc.metadata?.annotations);
    w.write(LEVEL_0, `Finalizers:\t[${(pvc.metadata?.finalizers ?? []).join(' ')}]\n`);
    const bound = (pvc.spec?.volumeName ?? '') !== '';
    w.write(LEVEL_0, `Capacity:\t${bound ? canonical(pvc.status?.capacity?.['storage'] ?? '0') : ''}\n`);
    w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesString(pvc.status?.accessModes) : ''}\n`);
    if (pvc.spec?.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
    const source = pvc.spec?.dataSource;
    if (source) {
      w.write(LEVEL_0, 'DataSource:\n');
      if (source.apiGroup) w.write(LEVEL_1, `APIGroup:\t${source.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${source.kind}\n`);
      w.write(LEVEL_1, `Name:\t${source.name}\n`);
    }
    printPods(w, users);
    const conditions = pvc.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastProbeTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    if (events !== undefined) describeEvents(events, w, now);
  });
}

function printPods(w: DescribeWriter, pods: readonly Pod[]): void {
  w.write(LEVEL_0, 'Used By:\t');
  if (pods.length === 0) return w.writeLine('<none>');
  const names = pods.map((p) => p.metadata?.name ?? '').sort(compareStrings);
  names.forEach((name, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${name}\n`);
  });
}

export function describePersistentVolume(pv: PersistentVolume, events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = pv.spec ?? {};
    w.write(LEVEL_0, `Name:\t${pv.metadata?.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', pv.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', pv.metadata?.annotations);
    w.write(LEVEL_0, `Finalizers:\t[${(pv.metadata?.finalizers ?? []).join(' ')}]\n`);
    w.write(LEVEL_0, `StorageClass:\t${storageClassOf(pv)}\n`);
    if (pv.metadata?.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${formatAge(pv.metadata.deletionTimestamp, now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
    w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
    w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModesString(spec.accessModes)}\n`);
    if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
    w.write(LEVEL_0, `Capacity:\t${canonical(spec.capacity?.['storage'] ?? '0')}\n`);
    w.write(LEVEL_0, 'Node Affinity:\t');
    const required = spec.nodeAffinity?.required;
    if (required === undefined) {
      w.writeLine('<none>');
    } else {
      w.writeLine('');
      w.write(LEVEL_1, 'Required Terms:\t');
      if ((required.nodeSelectorTerms ?? []).length === 0) {
        w.writeLine('<none>');
      } else {
        w.writeLine('');
        (required.nodeSelectorTerms ?? []).forEach((term, i) => {
          w.write(LEVEL_2, `Term ${i}:\t`);
          const expressions = term.matchExpressions ?? [];
          if (expressions.length === 0) return w.writeLine('<none>');
          expressions.forEach((req, j) => {
            if (j !== 0) w.write(LEVEL_2, '\t');
            const values = (req.values?.length ?? 0) > 0 ? ` [${req.values!.join(', ')}]` : '';
            w.write(LEVEL_0, `${req.key} ${(req.operator ?? '').toLowerCase()}${values}\n`);
          });
        });
      }
    }
    w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
    w.write(LEVEL_0, 'Source:\n');
    const field = (name: string, value: unknown): string => `    ${name}:\t${value}\n`;
    if (spec.hostPath) {
      w.write(LEVEL_2, 'Type:\tHostPath (bare host directory volume)\n' + field('Path', spec.hostPath.path) + field('HostPathType', spec.hostPath.type ?? '<none>'));
    } else if (spec.local) {
      w.write(LEVEL_2, 'Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n' + field('Path', spec.local.path));
    } else if (spec.nfs) {
      w.write(LEVEL_2, 'Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n' + field('Server', spec.nfs.server) + field('Path', spec.nfs.path) + field('ReadOnly', spec.nfs.readOnly === true));
    } else if (spec.csi) {
      w.write(
        LEVEL_2,
        'Type:\tCSI (a Container Storage Interface (CSI) volume source)\n' +
          field('Driver', spec.csi.driver) +
          field('FSType', spec.csi.fsType ?? '') +
          field('VolumeHandle', spec.csi.volumeHandle) +
          field('ReadOnly', spec.csi.readOnly === true),
      );
      printLabelsMultiline(w, '    VolumeAttributes', spec.csi.volumeAttributes);
    } else {
      w.write(LEVEL_1, '<unknown>\n');
    }
    if (events !== undefined) describeEvents(events, w, now);
  });
}

/** `kubectl describe storageclass`. [kubectl pkg/describe/describe.go `describeStorageClass`] */
export function describeStorageClass(sc: StorageClass, events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultStorageClass(sc) ? 'Yes' : 'No'}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata?.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${sc.provisioner}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}\n`);
    if ((sc.mountOptions?.length ?? 0) === 0) {
      w.write(LEVEL_0, 'MountOptions:\t<none>\n');
    } else {
      w.write(LEVEL_0, 'MountOptions:\n');
      for (const option of sc.mountOptions!) w.write(LEVEL_1, `${option}\n`);
    }
    if (sc.reclaimPolicy) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (sc.volumeBindingMode) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    if (events !== undefined) describeEvents(events, w, now);
  });
}
