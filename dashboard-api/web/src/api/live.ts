import type { Alarm, DeviceStatusEvent, WorkOrder } from './types';

// GET /api/live (Server-Sent Events). EventSource reconnects by itself after a drop; we only report the
// connection state so the view can say whether what it shows is live, and refresh after a reconnect
// (events sent while we were away are not replayed).

export interface LiveHandlers {
  alarm?: (alarm: Alarm) => void;
  workOrder?: (order: WorkOrder) => void;
  deviceStatus?: (event: DeviceStatusEvent) => void;
  connection?: (open: boolean, reconnected: boolean) => void;
}

export function subscribeLive(handlers: LiveHandlers): () => void {
  const source = new EventSource('/api/live', { withCredentials: true });
  let everOpened = false;
  const parse = <T>(listener: ((value: T) => void) | undefined) => (event: MessageEvent<string>) => {
    if (!listener) return;
    try {
      listener(JSON.parse(event.data) as T);
    } catch (error) {
      console.warn('live: ignoring a malformed event', event.type, error);
    }
  };
  source.addEventListener('alarm', parse(handlers.alarm));
  source.addEventListener('work-order', parse(handlers.workOrder));
  source.addEventListener('device-status', parse(handlers.deviceStatus));
  source.addEventListener('open', () => {
    handlers.connection?.(true, everOpened);
    everOpened = true;
  });
  source.addEventListener('error', () => handlers.connection?.(source.readyState === EventSource.OPEN, false));
  return () => source.close();
}
