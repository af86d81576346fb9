// Client-safe part of the action wrapper. Server code imports define-action.ts / run-action.ts.
export { failure, fieldError, success, type ActionFailure, type ActionResult, type ActionSuccess } from './result';
export { FORM_ERROR_KEY } from './input';
